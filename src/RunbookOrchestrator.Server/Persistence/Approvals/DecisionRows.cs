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
/// version, the run's wake-up and signal when the vote settles the gate, and the audit event. Used for decisions through a
/// review link, which spend the link in the same transaction; every other decision is written by the run store's group
/// writer (<see cref="Runtime.RunWriter"/>) with the same statements prepared once.
/// </summary>
internal static class DecisionRows
{
    private static readonly string[] NothingExcepted = [];

    /// <summary>
    /// False when the gate's version is no longer <paramref name="expectedVersion"/> (someone else decided meanwhile) and
    /// nothing was written; a second vote by the same person throws a <see cref="DbException"/> (unique vote per person).
    /// When the vote settles the gate, <paramref name="lease"/> says whether the run's lease was free and is now this node's.
    /// </summary>
    public static bool Write(OrchestratorDbContext db, DbTransaction transaction, ApprovalGateData gate, int expectedVersion, ApprovalDecisionData vote,
        bool settled, AuditRecord record, DateTimeOffset now, RunLease lease, out bool claimed)
    {
        claimed = false;
        var connection = transaction.Connection!;
        var gates = MappedTable.Of<ApprovalGateData>(db.Model);
        using (var update = gates.PrepareUpdate(connection, NothingExcepted, guard: nameof(ApprovalGateData.Version)))
            if (update.Execute(transaction, gates.UpdateValues(gate, NothingExcepted, gates.Column(nameof(ApprovalGateData.Version)).Stored(expectedVersion), guarded: true)) != 1)
                return false;
        var decisions = MappedTable.Of<ApprovalDecisionData>(db.Model);
        using (var insert = decisions.PrepareInsert(connection))
            insert.Execute(transaction, decisions.InsertValues(vote));
        if (settled) claimed = WakeRun(db, transaction, gate, now, lease);
        using var audit = new AuditRows(connection, db.Model);
        audit.Append(transaction, [record], now);
        return true;
    }

    // The run learns of the decision by a signal committed with it (woken only while unfinished, as any signal). A run
    // nobody holds (parked at the gate, the usual case) is also claimed for this node here: one commit instead of two. A
    // run some worker holds, this node's included, is only woken: that worker's round may be under way.
    private static bool WakeRun(OrchestratorDbContext db, DbTransaction transaction, ApprovalGateData gate, DateTimeOffset now, RunLease lease)
    {
        var runs = MappedTable.Of<RunData>(db.Model);
        string Col(string property) => runs.Column(property).Name;
        object Stored(string property, object value) => runs.Column(property).Stored(value);
        var unfinished = $"\"{Col(nameof(RunData.Id))}\" = @id AND \"{Col(nameof(RunData.Status))}\" NOT IN (@succeeded, @failed, @cancelled)";
        object[] Finished() => [Stored(nameof(RunData.Status), RunStatus.Succeeded), Stored(nameof(RunData.Status), RunStatus.Failed), Stored(nameof(RunData.Status), RunStatus.Cancelled)];
        var at = Stored(nameof(RunData.WakeAt), now);
        int claimedRows;
        using (var claim = new PreparedStatement(transaction.Connection!,
            $"UPDATE \"{runs.Name}\" SET \"{Col(nameof(RunData.WakeAt))}\" = @now, \"{Col(nameof(RunData.LeaseOwner))}\" = @node, " +
            $"\"{Col(nameof(RunData.LeaseExpiresAt))}\" = @until WHERE {unfinished} " +
            $"AND (\"{Col(nameof(RunData.LeaseOwner))}\" IS NULL OR \"{Col(nameof(RunData.LeaseExpiresAt))}\" < @now)",
            ["@now", "@node", "@until", "@id", "@succeeded", "@failed", "@cancelled"]))
            claimedRows = claim.Execute(transaction, [at, lease.Node, Stored(nameof(RunData.LeaseExpiresAt), lease.Until), gate.RunId, .. Finished()]);
        var woken = claimedRows;
        if (woken == 0)
        {
            using var wake = new PreparedStatement(transaction.Connection!,
                $"UPDATE \"{runs.Name}\" SET \"{Col(nameof(RunData.WakeAt))}\" = @now WHERE {unfinished}", ["@now", "@id", "@succeeded", "@failed", "@cancelled"]);
            woken = wake.Execute(transaction, [at, gate.RunId, .. Finished()]);
        }
        if (woken == 0) return false;
        var signals = MappedTable.Of<RunSignalData>(db.Model);
        using var insert = signals.PrepareInsert(transaction.Connection!);
        insert.Execute(transaction, signals.InsertValues(SignalFor(gate, now)));
        return claimedRows == 1;
    }

    /// <summary>The signal that tells <paramref name="gate"/>'s run its gate was settled (the run resumes on it).</summary>
    public static RunSignalData SignalFor(ApprovalGateData gate, DateTimeOffset now) => new()
    {
        RunId = gate.RunId, Kind = SignalKinds.Event, Name = GateKeeper.BookmarkPrefix + gate.Id,
        PayloadJson = new System.Text.Json.Nodes.JsonObject { ["status"] = gate.Status.ToString().ToLowerInvariant() }.ToJsonString(), CreatedAt = now,
    };
}
