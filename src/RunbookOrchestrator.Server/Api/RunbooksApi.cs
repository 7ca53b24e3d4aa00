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
        group.MapGet("/", (ClaimsPrincipal caller, IRunbookCatalog catalog, Hosting.OrchestratorPaths paths) =>
            Results.Json(new RunbookListResponse(
                catalog.All.Where(r => caller.MayTrigger(r.Id)).OrderBy(r => r.Id)
                    .Select(r => new RunbookSummary(r.Id, r.Version, r.Title, r.Description)).ToList(),
                // People who maintain runbooks need to see why an edit did not publish; agents get only what they may run.
                caller.IsHuman()
                    ? catalog.Errors.Select(e => new RunbookLoadError(Path.GetRelativePath(paths.RunbooksDirectory, e.Location.File), e.Location.Line, e.Location.Column, e.Message)).ToList()
                    : null), ApiJson.Options)).WithSummary("Runbooks this caller may trigger, and (for people) files that failed to load")
            .Produces<RunbookListResponse>();
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

/// <summary>The runbook list; <c>load_errors</c> (people only) names files whose last edit failed to load, each keeping its last good version.</summary>
internal sealed record RunbookListResponse(IReadOnlyList<RunbookSummary> Items, IReadOnlyList<RunbookLoadError>? LoadErrors);

/// <summary>One runbook in the list.</summary>
internal sealed record RunbookSummary(string Id, int Version, string? Title, string? Description);

/// <summary>Where and why a runbook file failed to load.</summary>
internal sealed record RunbookLoadError(string File, int Line, int Column, string Message);
