using RunbookOrchestrator.Identity;
using RunbookOrchestrator.Server.Persistence.Identity;

namespace RunbookOrchestrator.Server.Identity;

/// <summary>The agent key store that request authentication uses: lookups go through <see cref="AgentKeyCache"/>, and a revocation
/// through this store evicts the key before it returns, so it is refused from the next request on.</summary>
public sealed class CachedAgentKeyStore(EfAgentKeyStore inner, AgentKeyCache cache) : IAgentKeyStore
{
    public Task<AgentKey> CreateAsync(AgentKeyRequest request, ApiKey key, CancellationToken cancellationToken = default) =>
        inner.CreateAsync(request, key, cancellationToken);

    public async Task<StoredAgentKey?> FindByIdAsync(string id, CancellationToken cancellationToken = default)
    {
        if (cache.TryGet(id, out var cached)) return cached;
        var readStartedAt = cache.Now();
        var stored = await inner.FindByIdAsync(id, cancellationToken);
        if (stored is not null) cache.Remember(stored, readStartedAt);
        return stored;
    }

    public Task<IReadOnlyList<AgentKey>> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        cache.Forget(id);
        var revoked = await inner.RevokeAsync(id, cancellationToken);
        // Again afterwards: a request that looked the key up while the revocation was being written must not keep it alive.
        cache.Forget(id);
        return revoked;
    }
}
