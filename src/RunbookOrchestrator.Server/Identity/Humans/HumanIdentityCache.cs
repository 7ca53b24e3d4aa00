using System.Collections.Concurrent;
using RunbookOrchestrator.Identity.Humans;

namespace RunbookOrchestrator.Server.Identity.Humans;

/// <summary>
/// People and personal tokens recently read from the database, for what asks about them many times a second: a reviewer's
/// requests (token, then user and groups) and the email fan-out of every new gate (the whole directory). Any change to users,
/// groups or tokens saved by this process empties it at once (<see cref="Persistence.Identity.HumanIdentityChangeInterceptor"/>);
/// one saved by another process (the CLI, another node) is seen at the latest <see cref="Lifetime"/> after the read that was
/// remembered, the same bound as agent keys (<see cref="AgentKeyCache"/>). Unknown, revoked and disabled are never remembered.
/// </summary>
public sealed class HumanIdentityCache(TimeProvider clock)
{
    /// <summary>How long a read is trusted without reading again: the bound on a change made by another process.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    // Far more than any real deployment has tokens in use; only a flood of distinct valid tokens could reach it.
    private const int SweepAbove = 10_000;
    private readonly ConcurrentDictionary<string, TokenEntry> _tokens = new(StringComparer.Ordinal);
    private DirectoryEntry? _directory;
    private long _generation;

    private sealed record TokenEntry(HumanUser User, string TokenId, DateTimeOffset Until);
    private sealed record DirectoryEntry(HumanDirectorySnapshot Directory, DateTimeOffset Until);

    /// <summary>Taken before a read whose result may be remembered: a change saved meanwhile makes the result unfit to keep.</summary>
    public ReadStamp Stamp() => new(Interlocked.Read(ref _generation), clock.GetUtcNow());

    /// <summary>The enabled user a valid token (by the hex SHA-256 of the presented value) stood for when last read.</summary>
    public bool TryGetToken(string tokenHash, out HumanUser user, out string tokenId)
    {
        if (_tokens.TryGetValue(tokenHash, out var entry) && entry.Until > clock.GetUtcNow())
        {
            (user, tokenId) = (entry.User, entry.TokenId);
            return true;
        }
        (user, tokenId) = (null!, null!);
        return false;
    }

    public void RememberToken(string tokenHash, HumanUser user, string tokenId, ReadStamp stamp)
    {
        if (!Unchanged(stamp)) return;
        var now = clock.GetUtcNow();
        if (_tokens.Count > SweepAbove)
            foreach (var (hash, entry) in _tokens)
                if (entry.Until <= now) _tokens.TryRemove(hash, out _);
        _tokens[tokenHash] = new TokenEntry(user, tokenId, stamp.ReadStartedAt + Lifetime);
    }

    /// <summary>The whole directory as last read, or null when it must be read again.</summary>
    public HumanDirectorySnapshot? Directory() =>
        Volatile.Read(ref _directory) is { } entry && entry.Until > clock.GetUtcNow() ? entry.Directory : null;

    public void RememberDirectory(HumanDirectorySnapshot directory, ReadStamp stamp)
    {
        if (Unchanged(stamp)) Volatile.Write(ref _directory, new DirectoryEntry(directory, stamp.ReadStartedAt + Lifetime));
    }

    /// <summary>Forgets everything: users, groups or tokens changed.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _directory, null);
        _tokens.Clear();
    }

    private bool Unchanged(ReadStamp stamp) => Interlocked.Read(ref _generation) == stamp.Generation;

    /// <summary>When a read began, as the cache counts changes and time.</summary>
    public readonly record struct ReadStamp(long Generation, DateTimeOffset ReadStartedAt);
}
