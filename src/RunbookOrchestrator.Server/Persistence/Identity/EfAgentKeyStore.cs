using Microsoft.EntityFrameworkCore;
using RunbookOrchestrator.Identity;
using RunbookOrchestrator.Identity.Humans;

namespace RunbookOrchestrator.Server.Persistence.Identity;

/// <summary><see cref="IAgentKeyStore"/> on the orchestrator database (table <c>agent_keys</c>).</summary>
public sealed class EfAgentKeyStore(OrchestratorDbContext db, TimeProvider clock) : IAgentKeyStore
{
    public EfAgentKeyStore(OrchestratorDbContext db) : this(db, TimeProvider.System)
    {
    }

    public async Task<AgentKey> CreateAsync(AgentKeyRequest request, ApiKey key, CancellationToken cancellationToken = default)
    {
        if (request.Problems() is { Count: > 0 } problems)
            throw new ArgumentException("Invalid agent key request: " + string.Join("; ", problems), nameof(request));
        var entity = new AgentKeyEntity
        {
            Id = key.Id,
            AgentName = HumanNames.Normalize(request.AgentName),
            Owner = HumanNames.Normalize(request.Owner),
            AllowedRunbooks = string.Join(',', request.AllowedRunbooks.Select(r => r.Trim()).Distinct(StringComparer.Ordinal)),
            SecretHash = ApiKeyFormat.Hash(key),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Set<AgentKeyEntity>().Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(entity).State = EntityState.Detached;
        return ToKey(entity);
    }

    public async Task<StoredAgentKey?> FindByIdAsync(string id, CancellationToken cancellationToken = default)
    {
        var entity = await db.Set<AgentKeyEntity>().AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        return entity is null ? null : new StoredAgentKey(ToKey(entity), entity.SecretHash);
    }

    public async Task<IReadOnlyList<AgentKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        // SQLite cannot order DateTimeOffset columns, and key lists are small, so order in memory.
        var entities = await db.Set<AgentKeyEntity>().AsNoTracking().ToListAsync(cancellationToken);
        return entities.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id, StringComparer.Ordinal).Select(ToKey).ToList();
    }

    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        var entity = await db.Set<AgentKeyEntity>().FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (entity is null) return false;
        entity.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(entity).State = EntityState.Detached;
        return true;
    }

    private static AgentKey ToKey(AgentKeyEntity e) => new(
        e.Id,
        e.AgentName,
        e.Owner,
        e.AllowedRunbooks.Split(',', StringSplitOptions.RemoveEmptyEntries),
        e.CreatedAt,
        e.RevokedAt);
}
