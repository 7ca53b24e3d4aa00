using Microsoft.EntityFrameworkCore;
using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Server.Persistence.Identity;

namespace RunbookOrchestrator.Server.Identity.Sessions;

/// <summary>Finds or creates the user a provider's person signs in as. An account belongs to one provider subject (the ID token's
/// <c>sub</c>), never to a name alone: a provider that lets people choose <c>admin</c> as their user name must not sign them in as
/// our <c>admin</c>. An existing account of the same name is taken over only after an administrator said so
/// (<c>users link NAME --provider P</c>).</summary>
public sealed class OidcAccounts(IDbContextFactory<OrchestratorDbContext> contexts, IHumanDirectory directory)
{
    /// <summary>The signed-in person's account, created or updated: groups the provider maps are set from the token, groups given
    /// here by hand stay.</summary>
    public async Task<OidcAccountOutcome> SignInAsync(OidcIdentity person, OidcProviderOptions provider, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = db.Set<HumanUserEntity>();
        var user = await users.Include(u => u.Groups)
            .FirstOrDefaultAsync(u => u.LoginProvider == person.Provider && u.LoginSubject == person.Subject, cancellationToken);
        if (user is null)
        {
            var sameName = await users.Include(u => u.Groups).FirstOrDefaultAsync(u => u.Name == person.UserName, cancellationToken);
            if (sameName is { LoginSubject: null } pending && pending.LoginProvider == person.Provider)
                user = pending;
            else if (sameName is not null || await directory.FindByNameAsync(person.UserName, cancellationToken) is not null)
                return new OidcAccountOutcome.Refused(
                    $"an account named '{person.UserName}' already exists here and is not linked to this provider; an administrator can link it with: users link {person.UserName} --provider {person.Provider}");
            else
            {
                user = new HumanUserEntity { Name = person.UserName, CreatedAt = DateTimeOffset.UtcNow };
                users.Add(user);
            }
            user.LoginProvider = person.Provider;
            user.LoginSubject = person.Subject;
        }
        if (user.Disabled) return new OidcAccountOutcome.Refused("this user is disabled here");

        user.DisplayName = person.DisplayName ?? (user.DisplayName.Length > 0 ? user.DisplayName : user.Name);
        if (person.Email is not null) user.Email = person.Email;
        var managed = provider.GroupMap.Values.Select(HumanNames.Normalize).ToHashSet(StringComparer.Ordinal);
        var mapped = person.ProviderGroups.Select(g => provider.GroupMap.GetValueOrDefault(g)).OfType<string>().Select(HumanNames.Normalize)
            .ToHashSet(StringComparer.Ordinal);
        user.Groups.RemoveAll(g => managed.Contains(g.GroupName) && !mapped.Contains(g.GroupName));
        foreach (var group in mapped.Where(g => user.Groups.All(existing => existing.GroupName != g)))
            user.Groups.Add(new UserGroupEntity { UserName = user.Name, GroupName = group });
        await db.SaveChangesAsync(cancellationToken);

        return new OidcAccountOutcome.SignedIn(new HumanUser(user.Name, user.DisplayName, user.Email,
            user.Groups.Select(g => g.GroupName).Order(StringComparer.Ordinal).ToList(), false));
    }
}

/// <summary>Who the provider says signed in: its name for the provider, the subject, and the claims we use.</summary>
public sealed record OidcIdentity(string Provider, string Subject, string UserName, string? DisplayName, string? Email, IReadOnlyList<string> ProviderGroups);

/// <summary>How an OpenID Connect sign-in ended for the account.</summary>
public abstract record OidcAccountOutcome
{
    public sealed record SignedIn(HumanUser User) : OidcAccountOutcome;
    public sealed record Refused(string Reason) : OidcAccountOutcome;
}
