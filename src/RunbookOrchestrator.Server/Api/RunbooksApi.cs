using System.Security.Claims;
using RunbookOrchestrator.Activities;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Server.Identity;

namespace RunbookOrchestrator.Server.Api;

/// <summary>Read-only runbook catalogue: what an agent may trigger and with which inputs.</summary>
internal static class RunbooksApi
{
    public static IEndpointRouteBuilder MapRunbooksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/runbooks").RequireAuthorization().WithTags("Runbooks");
        group.MapGet("/", (ClaimsPrincipal caller, IRunbookCatalog catalog) =>
            Results.Json(new
            {
                items = catalog.All.Where(r => caller.MayTrigger(r.Id)).OrderBy(r => r.Id)
                    .Select(r => new { id = r.Id, version = r.Version, title = r.Title, description = r.Description }).ToList(),
            }, ApiJson.Options)).WithSummary("Runbooks this key may trigger");
        group.MapGet("/{runbookId}", (string runbookId, ClaimsPrincipal caller, IRunbookCatalog catalog, IActivityRegistry activities) =>
            catalog.Find(runbookId) is { } r && caller.MayTrigger(r.Id)
                ? Results.Json(Describe(r, activities), ApiJson.Options)
                : ApiProblems.NotFound("Runbook", runbookId)).WithSummary("A runbook: inputs and steps");
        return app;
    }

    private static object Describe(RunbookDefinition r, IActivityRegistry activities) => new
    {
        id = r.Id,
        version = r.Version,
        title = r.Title,
        description = r.Description,
        owners = r.Owners,
        inputs = r.Inputs.Select(i => new
        {
            name = i.Name,
            type = i.Type,
            required = i.Required,
            @default = i.Classification is DataClassification.Secret or DataClassification.Pii ? null : i.Default,
            classification = i.Classification.ToString().ToLowerInvariant(),
            description = i.Description,
        }),
        steps = r.Steps.Select(s => new
        {
            id = s.Id,
            uses = s.Uses,
            privileged = s.Privileged ?? activities.Find(s.Uses)?.Descriptor.DefaultPrivilege,
            when = s.When,
            next = s.Next,
        }),
    };
}
