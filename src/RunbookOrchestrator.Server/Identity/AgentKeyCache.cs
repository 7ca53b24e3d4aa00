using System.Collections.Concurrent;
using RunbookOrchestrator.Identity;

namespace RunbookOrchestrator.Server.Identity;

/// <summary>Recently looked-up agent keys, so an agent's burst of requests does not read <c>agent_keys</c> once per request.
/// An entry lives <see cref="Lifetime"/>: a key revoked in this process is dropped at once, one revoked by another process
/// (the <c>keys revoke</c> command) is refused at the latest that long after. Unknown ids are never cached.</summary>
public sealed class AgentKeyCache(TimeProvider clock)
{
    /// <summary>How long a looked-up key is trusted without reading it again: the bound on a revocation made elsewhere.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    // Far more than any real deployment has keys; only a flood of distinct valid ids could reach it, and then expired ones go.
    private const int SweepAbove = 10_000;
    private readonly ConcurrentDictionary<string, (StoredAgentKey Key, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    public bool TryGet(string id, out StoredAgentKey key)
    {
        if (_entries.TryGetValue(id, out var entry) && entry.Until > clock.GetUtcNow())
        {
            key = entry.Key;
            return true;
        }
        key = null!;
        return false;
    }

    /// <summary>The cache's clock, read before a lookup so the entry's lifetime counts from when the row was read.</summary>
    public DateTimeOffset Now() => clock.GetUtcNow();

    /// <summary>Remembers <paramref name="key"/> as read at <paramref name="readStartedAt"/>.</summary>
    /// <remarks>The lifetime counts from the start of the read, not its end: a read that waited on a busy database
    /// returns a row as it was when the read began, and counting from the end stretched the promised 5 seconds.</remarks>
    public void Remember(StoredAgentKey key, DateTimeOffset readStartedAt)
    {
        var now = clock.GetUtcNow();
        if (_entries.Count > SweepAbove)
            foreach (var (id, entry) in _entries)
                if (entry.Until <= now) _entries.TryRemove(id, out _);
        _entries[key.Key.Id] = (key, readStartedAt + Lifetime);
    }

    public void Forget(string id) => _entries.TryRemove(id, out _);
}
