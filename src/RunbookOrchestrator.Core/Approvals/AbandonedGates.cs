using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RunbookOrchestrator.Audit;

namespace RunbookOrchestrator.Approvals;

/// <summary>Cancels the gates that nothing waits on any more, so that a cancelled or failed run leaves no request in reviewers' inboxes
/// and a late decision on it is refused as on any settled gate.</summary>
public sealed class AbandonedGates(IApprovalStore store, ILogger<AbandonedGates> logger)
{
    private const int BatchSize = 500;

    /// <summary>After <paramref name="runId"/> has ended (committed): cancels its gates that are still pending.</summary>
    public async Task CancelForRunAsync(string runId, CancellationToken cancellationToken)
    {
        try
        {
            Log(await store.CancelAbandonedAsync(runId, null, BatchSize, Record, cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The run's end is committed and stays; the gate is left pending until the overdue sweep finds it abandoned.
            logger.LogWarning(ex, "Run {RunId} ended but its pending approvals could not be cancelled now", runId);
        }
    }

    /// <summary>Cancels abandoned gates whose deadline has passed by <paramref name="now"/>: the backstop for a run that ended just before a
    /// crash, before <see cref="CancelForRunAsync"/> ran.</summary>
    public async Task CancelOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        IReadOnlyList<ApprovalGateData> cancelled;
        do
        {
            cancelled = await store.CancelAbandonedAsync(null, now, BatchSize, Record, cancellationToken);
            Log(cancelled);
        } while (cancelled.Count >= BatchSize);
    }

    private void Log(IReadOnlyList<ApprovalGateData> cancelled)
    {
        foreach (var gate in cancelled) logger.LogInformation("Approval {GateId} cancelled: its run {RunId} no longer waits on it", gate.Id, gate.RunId);
    }

    private static AuditRecord Record(ApprovalGateData gate) =>
        new(AuditEventKinds.ApprovalCancelled, "system", "system", gate.RunId, gate.StepId,
            Data: new JsonObject { ["gate_id"] = gate.Id, ["why"] = "the run no longer waits on this approval (cancelled or ended)" });
}
