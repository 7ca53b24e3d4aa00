namespace RunbookOrchestrator.Audit;

/// <summary>The append-only, hash-chained audit trail. Engine transitions add their records to the same commit (see <c>RunCommit</c>);
/// everything else (decisions, key changes, policy reloads) appends here.</summary>
public interface IAuditTrail
{
    Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default);
}
