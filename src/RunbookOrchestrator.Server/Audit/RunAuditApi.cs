using System.Security.Claims;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Server.Api;
using RunbookOrchestrator.Server.Api.OpenApi;
using RunbookOrchestrator.Server.Persistence.Audit;
using RunbookOrchestrator.Server.Runs;

namespace RunbookOrchestrator.Server.Audit;

/// <summary><c>GET /api/runs/{runId}/audit</c>: one run's audit trail (already masked, as every record is) for whoever may see the
/// run, and for auditors. The whole trail's verification stays with auditors (<c>/api/audit/verify</c>).</summary>
public static class RunAuditApi
{
    public static IEndpointRouteBuilder MapRunAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/runs/{runId}/audit", ReadAsync).RequireAuthorization().WithTags("Audit").WithName("getRunAudit")
            .WithSummary("One run's audit trail, in sequence order").Produces<RunAuditResponse>().ProducesProblems(404);
        return app;
    }

    private static async Task<IResult> ReadAsync(string runId, ClaimsPrincipal caller, IRunService runs, RunVisibility visibility, AuditStore store,
        CancellationToken cancellationToken)
    {
        var run = await runs.GetSummaryAsync(runId, cancellationToken);
        if (run is null || !(caller.MayReadAudit() || await visibility.MaySeeAsync(caller, run.RequesterKind, run.RequesterName, runId, cancellationToken)))
            return ApiProblems.NotFound("Run", runId);
        var events = await store.ReadRunAsync(runId, cancellationToken);
        return Results.Json(new RunAuditResponse(runId, events.Select(e => new RunAuditEvent(e.Sequence, e.At, e.Kind, e.ActorKind, e.ActorName, e.StepId,
            e.Channel, e.ClientAddress, e.Reason, e.DataJson is { } data ? JsonNode.Parse(data) : null, e.Hash)).ToList()), ApiJson.Options);
    }
}

/// <summary>A run's audit trail.</summary>
internal sealed record RunAuditResponse(string RunId, IReadOnlyList<RunAuditEvent> Events);

/// <summary>One audit record of a run, with its place in the hash chain.</summary>
internal sealed record RunAuditEvent(long Sequence, DateTimeOffset At, string Kind, string ActorKind, string ActorName, string? StepId, string? Channel,
    string? ClientAddress, string? Reason, JsonNode? Data, string Hash);
