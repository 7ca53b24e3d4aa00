using System.Data;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RunbookOrchestrator.Audit;

namespace RunbookOrchestrator.Server.Persistence.Audit;

/// <summary>Reading the trail: events by time range (streamed, in sequence order) and verification of the whole chain against the head.</summary>
public sealed class AuditStore(OrchestratorDbContext db)
{
    /// <summary>Events with <paramref name="from"/> &lt;= at &lt; <paramref name="to"/> (either bound optional), in sequence order, streamed.</summary>
    public async IAsyncEnumerable<AuditEvent> ReadAsync(DateTimeOffset? from, DateTimeOffset? to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var q = db.Set<AuditEventEntity>().AsNoTracking();
        if (from is { } f) q = q.Where(e => e.At >= f);
        if (to is { } t) q = q.Where(e => e.At < t);
        await foreach (var e in q.OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
            yield return e.ToEvent();
    }

    /// <summary>The events of one run, in sequence order.</summary>
    public async Task<IReadOnlyList<AuditEvent>> ReadRunAsync(string runId, CancellationToken cancellationToken = default) =>
        (await db.Set<AuditEventEntity>().AsNoTracking().Where(e => e.RunId == runId).OrderBy(e => e.Sequence).ToListAsync(cancellationToken))
            .Select(e => e.ToEvent()).ToList();

    /// <summary>The stored head, or null when its row is missing.</summary>
    public async Task<AuditHead?> ReadHeadAsync(CancellationToken cancellationToken = default) =>
        await db.Set<AuditHeadEntity>().AsNoTracking().Where(h => h.Id == AuditHeadEntity.SingleRowId)
            .Select(h => new AuditHead(h.Sequence, h.Hash)).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Walks the whole trail in sequence order and compares its end with the head, all in one read snapshot so that
    /// appends happening meanwhile are not mistaken for tampering. <paramref name="anchor"/> is a head recorded earlier outside the database.</summary>
    public async Task<AuditVerification> VerifyAsync(AuditHead? anchor = null, CancellationToken cancellationToken = default)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (db.Database.GetDbConnection() is SqliteConnection sqlite)
            {
                // Deferred: a WAL read snapshot without the write lock, so verifying never blocks the engine.
                await using var snapshot = sqlite.BeginTransaction(deferred: true);
                await db.Database.UseTransactionAsync(snapshot, cancellationToken);
                try
                {
                    return await WalkAsync(anchor, cancellationToken);
                }
                finally
                {
                    await db.Database.UseTransactionAsync(null, cancellationToken);
                }
            }
            await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            return await WalkAsync(anchor, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<AuditVerification> WalkAsync(AuditHead? anchor, CancellationToken cancellationToken)
    {
        var verifier = new AuditVerifier(anchor);
        await foreach (var e in ReadAsync(null, null, cancellationToken))
            if (verifier.Check(e) is not null) break;
        return verifier.Finish(await ReadHeadAsync(cancellationToken));
    }
}
