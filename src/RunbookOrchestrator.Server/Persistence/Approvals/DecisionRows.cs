using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Audit;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Runtime.State;
using RunbookOrchestrator.Server.Persistence.Audit;

namespace RunbookOrchestrator.Server.Persistence.Approvals;

/// <summary>
/// Writes one decision inside the caller's transaction with plain statements: the vote, the gate compared-and-set on its
/// version, the run's wake-up and signal when the vote settles the gate, and the audit event. Through EF Core's change
/// tracking these rows cost more CPU than SQLite's own work, on every decision a reviewer makes.
/// </summary>
internal static class DecisionRows
{
    private static readonly string[] NothingExcepted = [];

    /// <summary>
    /// False when the gate's version is no longer <paramref name="expectedVersion"/> (someone else decided meanwhile) and
    /// nothing was written; a second vote by the same person throws a <see cref="DbException"/> (unique vote per person).
    /// </summary>
    public static bool Write(OrchestratorDbContext db, DbTransaction transaction, ApprovalGateData gate, int expectedVersion, ApprovalDecisionData vote,
        bool settled, AuditRecord record, DateTimeOffset now)
    {
        var connection = transaction.Connection!;
        var gates = MappedTable.Of<ApprovalGateData>(db.Model);
        using (var update = gates.PrepareUpdate(connection, NothingExcepted, guard: nameof(ApprovalGateData.Version)))
            if (update.Execute(transaction, gates.UpdateValues(gate, NothingExcepted, gates.Column(nameof(ApprovalGateData.Version)).Stored(expectedVersion), guarded: true)) != 1)
                return false;
        var decisions = MappedTable.Of<ApprovalDecisionData>(db.Model);
        using (var insert = decisions.PrepareInsert(connection))
            insert.Execute(transaction, decisions.InsertValues(vote));
        if (settled) WakeRun(db, transaction, gate, now);
        using var audit = new AuditRows(connection, db.Model);
        audit.Append(transaction, [record], now);
        return true;
    }

    // The run learns of the decision by a signal committed with it (woken only while unfinished, as any signal).
    private static void WakeRun(OrchestratorDbContext db, DbTransaction transaction, ApprovalGateData gate, DateTimeOffset now)
    {
        var runs = MappedTable.Of<RunData>(db.Model);
        string Col(string property) => runs.Column(property).Name;
        object Stored(string property, object value) => runs.Column(property).Stored(value);
        using var wake = new PreparedStatement(transaction.Connection!,
            $"UPDATE \"{runs.Name}\" SET \"{Col(nameof(RunData.WakeAt))}\" = @now WHERE \"{Col(nameof(RunData.Id))}\" = @id " +
            $"AND \"{Col(nameof(RunData.Status))}\" NOT IN (@succeeded, @failed, @cancelled)", ["@now", "@id", "@succeeded", "@failed", "@cancelled"]);
        var woken = wake.Execute(transaction, [Stored(nameof(RunData.WakeAt), now), gate.RunId,
            Stored(nameof(RunData.Status), RunStatus.Succeeded), Stored(nameof(RunData.Status), RunStatus.Failed), Stored(nameof(RunData.Status), RunStatus.Cancelled)]);
        if (woken == 0) return;
        var signals = MappedTable.Of<RunSignalData>(db.Model);
        using var insert = signals.PrepareInsert(transaction.Connection!);
        insert.Execute(transaction, signals.InsertValues(new RunSignalData
        {
            RunId = gate.RunId, Kind = SignalKinds.Event, Name = GateKeeper.BookmarkPrefix + gate.Id,
            PayloadJson = new System.Text.Json.Nodes.JsonObject { ["status"] = gate.Status.ToString().ToLowerInvariant() }.ToJsonString(), CreatedAt = now,
        }));
    }
}
