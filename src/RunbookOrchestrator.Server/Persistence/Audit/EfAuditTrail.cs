using Microsoft.EntityFrameworkCore;
using RunbookOrchestrator.Audit;

namespace RunbookOrchestrator.Server.Persistence.Audit;

/// <summary><see cref="IAuditTrail"/> for appends outside engine transitions (decisions, key changes): its own context and transaction,
/// one append at a time on this node.</summary>
public sealed class EfAuditTrail(IDbContextFactory<OrchestratorDbContext> contexts, AuditAppender appender, TimeProvider clock) : IAuditTrail, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0) return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            await appender.AppendAsync(db, records, clock.GetUtcNow(), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
