using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Audit;
using RunbookOrchestrator.Server.Persistence.Audit;

namespace RunbookOrchestrator.Server.Persistence.Approvals;

/// <summary>
/// Writes a new gate, its approver entries, its <c>approval.requested</c> event and its review messages with plain statements
/// in one transaction. Opening a gate through EF Core's change tracking and command building cost more CPU than SQLite's own
/// work for the same rows, and every privileged step pays it; the columns and their stored forms still come from the model.
/// </summary>
internal static class GateRows
{
    /// <summary>Inserts <paramref name="gate"/> with <paramref name="approverEntries"/>, <paramref name="requested"/> (stamped
    /// <paramref name="now"/>) and its review <paramref name="messages"/>; throws a <see cref="DbException"/> when a gate with its
    /// id exists, and then writes nothing. Returns how many messages wait to be sent.</summary>
    public static async Task<int> InsertAsync(OrchestratorDbContext db, ApprovalGateData gate, IEnumerable<string> approverEntries, AuditRecord? requested,
        IReadOnlyList<ReviewMessage> messages, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var gates = MappedTable.Of<ApprovalGateData>(db.Model);
        var approvers = MappedTable.Of<GateApproverEntity>(db.Model);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        using (var insertGate = gates.PrepareInsert(connection))
            insertGate.Execute(tx, gates.InsertValues(gate));
        using (var insertApprover = approvers.PrepareInsert(connection))
            foreach (var entry in approverEntries)
                insertApprover.Execute(tx, approvers.InsertValues(new GateApproverEntity { GateId = gate.Id, Entry = entry }));
        if (requested is not null)
        {
            using var audit = new AuditRows(connection, db.Model);
            audit.Append(tx, [requested], now);
        }
        var queued = Channels.DeliveryRows.Queue(tx, gate, messages, now);
        await tx.CommitAsync(cancellationToken);
        return queued;
    }
}
