using RunbookOrchestrator.Server.Api.OpenApi;
using System.Security.Claims;
using RunbookOrchestrator.Activities;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Server.Identity;
using RunbookOrchestrator.Server.Runbooks;

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
                    : null), ApiJson.Options)).WithName("listRunbooks").WithSummary("Runbooks this caller may trigger, and (for people) files that failed to load")
            .Produces<RunbookListResponse>().ProducesProblems();
        group.MapGet("/{runbookId}", (string runbookId, ClaimsPrincipal caller, IRunbookCatalog catalog, IActivityRegistry activities,
                Microsoft.Extensions.Options.IOptions<Hosting.OrchestratorOptions> options) =>
            catalog.Find(runbookId) is { } r && caller.MayTrigger(r.Id)
                ? Results.Json(Describe(r, activities) with
                {
                    Editable = caller.MayEdit(options.Value) && catalog is RunbookDirectoryCatalog && r.Location?.File is { } f && !RunbookLoader.IsJson(f),
                }, ApiJson.Options)
                : ApiProblems.NotFound("Runbook", runbookId)).WithName("getRunbook").WithSummary("A runbook: inputs and steps")
            .Produces<RunbookDetail>().ProducesProblems(404);
        group.MapGet("/{runbookId}/versions", VersionsAsync).WithName("getRunbookVersions")
            .WithSummary("The versions of a runbook that runs were pinned to (with how many runs, first and last), and the current one")
            .Produces<RunbookVersionsResponse>().ProducesProblems(404);
        return app;
    }

    private static async Task<IResult> VersionsAsync(string runbookId, ClaimsPrincipal caller, IRunbookCatalog catalog,
        Microsoft.EntityFrameworkCore.IDbContextFactory<Persistence.OrchestratorDbContext> contexts, CancellationToken cancellationToken)
    {
        if (catalog.Find(runbookId) is not { } current || !caller.MayTrigger(current.Id)) return ApiProblems.NotFound("Runbook", runbookId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Runs.Where(r => r.RunbookId == runbookId).Select(r => new { r.RunbookVersion, r.DefinitionHash, r.CreatedAt }), cancellationToken);
        var versions = rows.GroupBy(r => (r.RunbookVersion, r.DefinitionHash))
            .Select(g => new RunbookVersionInfo(g.Key.RunbookVersion, g.Key.DefinitionHash, g.Count(), g.Min(r => r.CreatedAt), g.Max(r => r.CreatedAt)))
            .OrderByDescending(v => v.Version).ThenByDescending(v => v.LastRunAt).ToList();
        return Results.Json(new RunbookVersionsResponse(current.Id, current.Version, versions), ApiJson.Options);
    }

    private static RunbookDetail Describe(RunbookDefinition r, IActivityRegistry activities) => new(
        r.Id, r.Version, r.Title, r.Description, r.Owners,
        r.Inputs.Select(i => new RunbookInput(i.Name, i.Type,
            i.Required,
            // A secret or personal default is not shown, even to someone who may run the runbook.
            i.Classification is DataClassification.Secret or DataClassification.Pii ? null : i.Default,
            i.Classification.ToString().ToLowerInvariant(), i.Description)).ToList(),
        r.Steps.Select(s => new RunbookStep(s.Id, s.Uses, s.Privileged ?? activities.Find(s.Uses)?.Descriptor.DefaultPrivilege, s.When, s.Next,
            s.Uses == "approval" ? ApprovalSummary.Of(s.With, r.Owners) : null)).ToList());
}

/// <summary>A runbook's current version and the versions runs were pinned to (a version edited in place shows once per content hash).</summary>
internal sealed record RunbookVersionsResponse(string Runbook, int Current, IReadOnlyList<RunbookVersionInfo> Versions);

/// <summary>One version runs used: its content hash, how many runs, and when the first and last started.</summary>
internal sealed record RunbookVersionInfo(int Version, string DefinitionHash, int Runs, DateTimeOffset FirstRunAt, DateTimeOffset LastRunAt);

/// <summary>The runbook list; <c>load_errors</c> (people only) names files whose last edit failed to load, each keeping its last good version.</summary>
internal sealed record RunbookListResponse(IReadOnlyList<RunbookSummary> Items, IReadOnlyList<RunbookLoadError>? LoadErrors);

/// <summary>One runbook in the list.</summary>
internal sealed record RunbookSummary(string Id, int Version, string? Title, string? Description);

/// <summary>Where and why a runbook file failed to load.</summary>
internal sealed record RunbookLoadError(string File, int Line, int Column, string Message);

/// <summary>A runbook as an agent needs it: inputs to supply and the steps (with their privilege) it will run; <c>editable</c>
/// tells a person in the designers group that the designer may publish new versions of it.</summary>
internal sealed record RunbookDetail(string Id, int Version, string? Title, string? Description, IReadOnlyList<string> Owners,
    IReadOnlyList<RunbookInput> Inputs, IReadOnlyList<RunbookStep> Steps, bool Editable = false);

/// <summary>One declared input; <c>default</c> is withheld for secret and personal inputs.</summary>
internal sealed record RunbookInput(string Name, string Type, bool Required, System.Text.Json.Nodes.JsonNode? Default, string Classification, string? Description);

/// <summary>One step: its activity, privilege class (from the step or the activity), condition and outcome routing; for an
/// <c>approval</c> step, who decides and how long it waits.</summary>
internal sealed record RunbookStep(string Id, string Uses, string? Privileged, string? When, IReadOnlyDictionary<string, string> Next,
    ApprovalSummary? Approval = null);

/// <summary>An approval step's gate as written: approvers (the owners when it names none), quorum, timeout and escalation
/// stages. A value written as a template shows as that template.</summary>
internal sealed record ApprovalSummary(IReadOnlyList<string> Approvers, string Quorum, string? Timeout, IReadOnlyList<string> Escalations)
{
    public static ApprovalSummary Of(System.Text.Json.Nodes.JsonObject with, IReadOnlyList<string> owners)
    {
        var approvers = with["approvers"] switch
        {
            System.Text.Json.Nodes.JsonArray list => list.Select(a => a?.ToString() ?? "").Where(a => a.Length > 0).ToList(),
            System.Text.Json.Nodes.JsonValue one => [one.ToString()],
            _ => owners.Select(o => o.Contains(':') ? o : $"group:{o}").ToList(),
        };
        var escalations = with["escalate"] is System.Text.Json.Nodes.JsonArray stages
            ? stages.Select(e => $"after {e?["after"]}" + (e?["add"] is { } add ? $" add {add.ToJsonString()}" : "")).ToList()
            : [];
        return new ApprovalSummary(approvers, with["quorum"]?.ToString() ?? "1", with["timeout"]?.ToString(), escalations);
    }
}
