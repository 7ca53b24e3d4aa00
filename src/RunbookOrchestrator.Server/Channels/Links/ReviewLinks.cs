using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Server.Persistence.Channels;

namespace RunbookOrchestrator.Server.Channels.Links;

/// <summary>Links that let one reviewer decide one gate: <c>/review/{id}.{signature}</c>. The signature (HMAC-SHA256 with the
/// server's link secret) covers the link's id, gate, reviewer and expiry, so a changed character, a link minted by someone
/// who can write the database but lacks the secret, or a row moved to another gate or reviewer is refused. A link expires
/// with its gate (else after <see cref="LifetimeWithoutDeadline"/>) and is used up by the decision made through it.</summary>
public sealed class ReviewLinks(IDbContextFactory<OrchestratorDbContext> contexts, ReviewLinkSecret secret, TimeProvider clock)
{
    public const string PathPrefix = "/review/";
    public static readonly TimeSpan LifetimeWithoutDeadline = TimeSpan.FromDays(7);

    /// <summary>A new link's token for <paramref name="reviewer"/> on the gate; one per message, so each copy can be told apart in the audit.</summary>
    public async Task<string> IssueAsync(string gateId, string reviewer, DateTimeOffset? gateDeadline, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var link = new ReviewLinkEntity
        {
            Id = Base64Url(RandomNumberGenerator.GetBytes(16)),
            GateId = gateId,
            Reviewer = reviewer,
            CreatedAt = now,
            ExpiresAt = gateDeadline ?? now + LifetimeWithoutDeadline,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        return $"{link.Id}.{Sign(link)}";
    }

    /// <summary>The link a token names when its signature holds, with why it cannot be used if so; null when the token is
    /// malformed, unknown or its signature is wrong (all the same to the caller: a link that is not ours).</summary>
    public async Task<ReviewLinkCheck?> CheckAsync(string token, CancellationToken cancellationToken)
    {
        var dot = token.IndexOf('.');
        if (token.Length > 200 || dot <= 0) return null;
        var id = token[..dot];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var link = await db.Set<ReviewLinkEntity>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (link is null) return null;
        var expected = Encoding.ASCII.GetBytes(Sign(link));
        var given = Encoding.ASCII.GetBytes(token[(dot + 1)..]);
        if (!CryptographicOperations.FixedTimeEquals(expected, given)) return null;
        var problem = link.UsedAt is not null ? ReviewLinkProblem.Used : link.ExpiresAt <= clock.GetUtcNow() ? ReviewLinkProblem.Expired : ReviewLinkProblem.None;
        return new ReviewLinkCheck(link, problem);
    }

    private string Sign(ReviewLinkEntity link)
    {
        var data = Encoding.UTF8.GetBytes($"{link.Id}|{link.GateId}|{link.Reviewer}|{link.ExpiresAt.ToUnixTimeMilliseconds()}");
        return Base64Url(HMACSHA256.HashData(secret.Key, data));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A genuine link and whether it can still be used.</summary>
public sealed record ReviewLinkCheck(ReviewLinkEntity Link, ReviewLinkProblem Problem);

/// <summary>Why a genuine link cannot decide.</summary>
public enum ReviewLinkProblem
{
    None,
    Used,
    Expired,
}

/// <summary>The key review links are signed with: <c>RBO_LINK_SECRET</c>, else generated once into <c>data/link-secret</c> (0600).</summary>
public sealed record ReviewLinkSecret(byte[] Key);
