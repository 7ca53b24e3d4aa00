using Microsoft.EntityFrameworkCore;
using RunbookOrchestrator.Audit;

namespace RunbookOrchestrator.Server.Persistence.Audit;

/// <summary>The writer of <c>audit_events</c> for EF Core contexts (the run store's group writer appends through <see cref="AuditRows"/>,
/// which follows the same protocol on its own connection). Works inside the caller's transaction so that audit events commit or roll back
/// with what they describe. Appends must be serialized: on one node the caller's single writer (or <see cref="EfAuditTrail"/>'s lock)
/// does it and SQLite's write lock does it across processes; on PostgreSQL with several nodes the head row is locked
/// (<c>SELECT ... FOR UPDATE</c>) until the transaction ends.</summary>
public sealed class AuditAppender
{
    private const string NpgsqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>Reads the head, chains <paramref name="records"/> after it stamped <paramref name="now"/>, inserts the events, moves the
    /// head and saves. Call it inside an open transaction (it throws otherwise) after the caller's own <c>SaveChanges</c>, once per
    /// transaction with all its records. Returns the events written.</summary>
    public async Task<IReadOnlyList<AuditEvent>> AppendAsync(OrchestratorDbContext db, IReadOnlyList<AuditRecord> records, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0) return [];
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("AuditAppender.AppendAsync must run inside a transaction so the events commit with the head.");

        var head = await LockHeadAsync(db, cancellationToken);
        if (head is null)
        {
            if (await db.Set<AuditEventEntity>().AnyAsync(cancellationToken))
                throw new InvalidOperationException("The audit_head row is missing while audit events exist; refusing to append. Run 'audit verify'.");
            head = new AuditHeadEntity { Sequence = AuditHead.Genesis.Sequence, Hash = AuditHead.GenesisHash };
            db.Set<AuditHeadEntity>().Add(head);
        }

        var events = AuditChain.Extend(new AuditHead(head.Sequence, head.Hash), records, now);
        foreach (var e in events) db.Set<AuditEventEntity>().Add(AuditEventEntity.From(e));
        head.Sequence = events[^1].Sequence;
        head.Hash = events[^1].Hash;
        var entry = db.Entry(head);
        // The caller may have switched automatic change detection off (the run store does).
        if (entry.State == EntityState.Unchanged) entry.State = EntityState.Modified;
        await db.SaveChangesAsync(cancellationToken);
        foreach (var e in db.ChangeTracker.Entries<AuditEventEntity>().ToList()) e.State = EntityState.Detached;
        return events;
    }

    private static async Task<AuditHeadEntity?> LockHeadAsync(OrchestratorDbContext db, CancellationToken cancellationToken)
    {
        // A head already tracked by this context carries this transaction's earlier appends.
        var tracked = db.ChangeTracker.Entries<AuditHeadEntity>().FirstOrDefault()?.Entity;
        if (tracked is not null) return tracked;
        if (db.Database.ProviderName == NpgsqlProvider)
            return await db.Set<AuditHeadEntity>()
                .FromSqlRaw("SELECT * FROM audit_head WHERE id = 1 FOR UPDATE")
                .SingleOrDefaultAsync(cancellationToken);
        return await db.Set<AuditHeadEntity>().SingleOrDefaultAsync(h => h.Id == AuditHeadEntity.SingleRowId, cancellationToken);
    }
}
