using RunbookOrchestrator.Identity;
using RunbookOrchestrator.Identity.Humans;

namespace RunbookOrchestrator.Server.Identity.Humans;

/// <summary>Creates the users, group memberships and tokens named in <c>RBO_BOOTSTRAP_USERS</c> on start, when missing. Safe to run on every start.</summary>
public sealed class HumanBootstrapper(IHumanUserStore users, IHumanDirectory directory, IUserTokenStore tokens, ILogger<HumanBootstrapper> logger)
{
    public const string EnvironmentVariable = "RBO_BOOTSTRAP_USERS";

    /// <summary>Bootstrap tokens shorter than this are accepted (scripts and CI use short ones) but warned about.</summary>
    public const int RecommendedTokenLength = 32;

    /// <summary>Imports <paramref name="value"/> (default: the environment variable). Throws <see cref="BootstrapUsersFormatException"/> before changing anything when an entry is malformed.</summary>
    public async Task<HumanBootstrapResult> ImportAsync(string? value = null, CancellationToken cancellationToken = default)
    {
        value ??= Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(value)) return HumanBootstrapResult.Nothing;
        var entries = BootstrapUsersParser.Parse(value);

        int createdUsers = 0, createdTokens = 0, joinedGroups = 0;
        var problems = new List<string>();
        foreach (var entry in entries)
        {
            var label = $"{EnvironmentVariable} entry {entry.Position} (user '{entry.Name}')";
            var existing = await users.FindAsync(entry.Name, cancellationToken);
            if (existing is null)
            {
                // A user declared in configuration is copied into the database so its groups still hold once the database wins.
                var configured = await directory.FindByNameAsync(entry.Name, cancellationToken);
                var groups = HumanNames.NormalizeGroups((configured?.Groups ?? []).Concat(entry.Groups));
                await users.AddAsync(new HumanUser(entry.Name, configured?.DisplayName ?? entry.Name, configured?.Email, groups, configured?.Disabled ?? false), cancellationToken);
                createdUsers++;
                joinedGroups += entry.Groups.Count;
            }
            else if (entry.Groups.Except(existing.Groups, StringComparer.Ordinal).ToList() is { Count: > 0 } missing)
            {
                await users.AddGroupsAsync(entry.Name, missing, cancellationToken);
                joinedGroups += missing.Count;
            }

            var token = await tokens.FindByTokenAsync(entry.Token, cancellationToken);
            if (token is null)
            {
                var id = SecretTokenFormat.UserToken.TryParse(entry.Token, out var generated) ? generated.Id : SecretTokenFormat.NewId();
                await tokens.CreateAsync(id, entry.Name, entry.Token, "bootstrap", cancellationToken);
                createdTokens++;
                if (entry.Token.Length < RecommendedTokenLength)
                    logger.LogWarning("{Entry}: the bootstrap token is short; outside tests use a long random string (e.g. 'users token' output)", label);
            }
            else if (token.Token.UserName != entry.Name)
            {
                problems.Add($"{label}: the token is already assigned to another user; it was not reassigned");
            }
            else if (token.Token.IsRevoked)
            {
                logger.LogWarning("{Entry}: the bootstrap token was revoked and stays revoked; choose a new one", label);
            }
        }
        foreach (var problem in problems) logger.LogError("{Problem}", problem);
        if (createdUsers + createdTokens + joinedGroups > 0)
            logger.LogInformation("{Variable}: created {Users} users and {Tokens} tokens, added {Groups} group memberships", EnvironmentVariable, createdUsers, createdTokens, joinedGroups);
        return new HumanBootstrapResult(createdUsers, createdTokens, joinedGroups, problems);
    }
}

/// <summary>What <see cref="HumanBootstrapper.ImportAsync"/> changed, and the entries it refused to apply.</summary>
public sealed record HumanBootstrapResult(int CreatedUsers, int CreatedTokens, int AddedMemberships, IReadOnlyList<string> Problems)
{
    public static readonly HumanBootstrapResult Nothing = new(0, 0, 0, []);
}
