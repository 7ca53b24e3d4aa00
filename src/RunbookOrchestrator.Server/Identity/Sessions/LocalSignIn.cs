using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Server.Persistence;

namespace RunbookOrchestrator.Server.Identity.Sessions;

/// <summary>Checks a user name and password against the local accounts, counting failures and locking the account after too many.</summary>
public sealed class LocalSignIn(IDbContextFactory<OrchestratorDbContext> contexts, IOptions<LockoutOptions> lockout, TimeProvider clock)
{
    public async Task<SignInOutcome> TryAsync(string userName, string password, CancellationToken cancellationToken)
    {
        string name;
        try
        {
            name = HumanNames.Normalize(userName);
        }
        catch (ArgumentException)
        {
            LocalPasswords.Verify(null, password);
            return new SignInOutcome.Failed(userName.Length > 100 ? userName[..100] : userName);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Set<Persistence.Identity.HumanUserEntity>().Include(u => u.Groups).FirstOrDefaultAsync(u => u.Name == name, cancellationToken);
        var now = clock.GetUtcNow();
        if (user is null || user.Disabled || user.PasswordHash is null)
        {
            LocalPasswords.Verify(null, password);
            return new SignInOutcome.Failed(name);
        }
        if (user.LockedUntil is { } until && until > now) return new SignInOutcome.Locked(name, until);

        if (!LocalPasswords.Verify(user.PasswordHash, password))
        {
            user.FailedSignIns++;
            var locked = user.FailedSignIns >= lockout.Value.MaxFailedAttempts;
            if (locked)
            {
                user.LockedUntil = now + lockout.Value.Duration;
                user.FailedSignIns = 0;
            }
            await db.SaveChangesAsync(cancellationToken);
            return locked ? new SignInOutcome.Locked(name, user.LockedUntil!.Value) : new SignInOutcome.Failed(name);
        }
        user.FailedSignIns = 0;
        user.LockedUntil = null;
        await db.SaveChangesAsync(cancellationToken);
        return new SignInOutcome.Succeeded(new HumanUser(user.Name, user.DisplayName, user.Email, user.Groups.Select(g => g.GroupName).Order(StringComparer.Ordinal).ToList(), user.Disabled));
    }
}

/// <summary>How a password sign-in ended. Never carries the password.</summary>
public abstract record SignInOutcome(string UserName)
{
    public sealed record Succeeded(HumanUser User) : SignInOutcome(User.Name);
    public sealed record Failed(string Name) : SignInOutcome(Name);
    public sealed record Locked(string Name, DateTimeOffset Until) : SignInOutcome(Name);
}
