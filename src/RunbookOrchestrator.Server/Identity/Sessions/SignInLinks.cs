using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Server.Persistence.Identity;

namespace RunbookOrchestrator.Server.Identity.Sessions;

/// <summary>One-time links with which a user chooses their password: how the first administrator gets in without a default
/// password, and how an administrator resets one. Only the SHA-256 of a link's secret is stored; a link works once, for
/// <see cref="Lifetime"/>, and opening it (as mail scanners and chat previews do) uses nothing: only the form's POST does.</summary>
public sealed class SignInLinks(OrchestratorDbContext db, TimeProvider clock)
{
    /// <summary>How long a link can be used.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>The path of the page a link opens, under which the secret travels.</summary>
    public const string PathPrefix = "/auth/link/";

    /// <summary>A new link's secret for the database user <paramref name="userName"/>; earlier unused links of the user stop working.</summary>
    public async Task<string> IssueAsync(string userName, CancellationToken cancellationToken = default)
    {
        var name = HumanNames.Normalize(userName);
        if (!await db.Set<HumanUserEntity>().AnyAsync(u => u.Name == name, cancellationToken))
            throw new InvalidOperationException($"no user '{name}' in the database");
        var now = clock.GetUtcNow();
        await db.Set<SignInLinkEntity>().Where(l => l.UserName == name && l.UsedAt == null).ExecuteUpdateAsync(l => l.SetProperty(x => x.UsedAt, now), cancellationToken);
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        db.Set<SignInLinkEntity>().Add(new SignInLinkEntity { TokenHash = Hash(secret), UserName = name, CreatedAt = now, ExpiresAt = now + Lifetime });
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    /// <summary>The user a still usable link is for, or null (unknown, used, expired, or the user disabled).</summary>
    public async Task<string?> UserOfAsync(string secret, CancellationToken cancellationToken = default)
    {
        var link = await UsableAsync(secret, cancellationToken);
        return link?.UserName;
    }

    /// <summary>Sets the password through the link and uses it up; the user, or null when the link is not usable.
    /// The link is marked used in the same statement that checks it, so two concurrent submissions cannot both succeed.</summary>
    public async Task<HumanUser?> RedeemAsync(string secret, string password, CancellationToken cancellationToken = default)
    {
        var hash = Hash(secret);
        var now = clock.GetUtcNow();
        var link = await UsableAsync(secret, cancellationToken);
        if (link is null) return null;
        var claimed = await db.Set<SignInLinkEntity>().Where(l => l.TokenHash == hash && l.UsedAt == null && l.ExpiresAt > now)
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.UsedAt, now), cancellationToken);
        if (claimed != 1) return null;
        var user = await db.Set<HumanUserEntity>().Include(u => u.Groups).FirstAsync(u => u.Name == link.UserName, cancellationToken);
        user.PasswordHash = LocalPasswords.Hash(password);
        user.FailedSignIns = 0;
        user.LockedUntil = null;
        await db.SaveChangesAsync(cancellationToken);
        return new HumanUser(user.Name, user.DisplayName, user.Email, user.Groups.Select(g => g.GroupName).Order(StringComparer.Ordinal).ToList(), false);
    }

    private async Task<SignInLinkEntity?> UsableAsync(string secret, CancellationToken cancellationToken)
    {
        if (secret.Length is 0 or > 100) return null;
        var hash = Hash(secret);
        var now = clock.GetUtcNow();
        var link = await db.Set<SignInLinkEntity>().AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        if (link is null || link.UsedAt is not null || link.ExpiresAt <= now) return null;
        var enabled = await db.Set<HumanUserEntity>().AnyAsync(u => u.Name == link.UserName && !u.Disabled, cancellationToken);
        return enabled ? link : null;
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
