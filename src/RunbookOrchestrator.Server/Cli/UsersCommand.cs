using RunbookOrchestrator.Identity;
using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Server.Identity.Humans;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Server.Persistence.Identity;

namespace RunbookOrchestrator.Server.Cli;

/// <summary><c>users add|list|groups|disable|enable|token|tokens|revoke-token</c>: manages humans and their personal tokens in the orchestrator database.</summary>
/// <remarks>Users declared in <c>appsettings.json</c> (<c>Orchestrator:Users</c>, read from the working directory and
/// <c>Orchestrator__Users__…</c> environment variables) are shown by <c>list</c> and may receive tokens.</remarks>
public sealed class UsersCommand : ICliCommand
{
    public string Name => "users";

    public string Usage =>
        "users add NAME [--groups a,b] [--email E] [--display-name D] [--admin] | users set-password NAME (reads the password from standard input) | users sign-in-link NAME | users link NAME --provider P | users list | users groups NAME a,b | users disable NAME | users enable NAME | users token NAME [--label L] | users tokens [NAME] | users revoke-token ID";

    public async Task<int> RunAsync(string[] args, CliConsole console)
    {
        if (args.Length == 0)
            return UsageError(console, "missing sub-command (add, list, groups, disable, enable, token, tokens or revoke-token)");
        try
        {
            return args[0] switch
            {
                "add" when args.Length >= 2 => await AddAsync(args[1], args[2..], console),
                "add" => UsageError(console, "'users add' needs a user name"),
                "set-password" when args.Length == 2 => await SetPasswordAsync(args[1], console),
                "set-password" => UsageError(console, "'users set-password' needs exactly one user name; the password is read from standard input"),
                "sign-in-link" when args.Length == 2 => await SignInLinkAsync(args[1], console),
                "sign-in-link" => UsageError(console, "'users sign-in-link' needs exactly one user name"),
                "link" when args.Length == 4 && args[2] == "--provider" => await LinkAsync(args[1], args[3], console),
                "link" => UsageError(console, "'users link' needs a user name and --provider P"),
                "list" when args.Length == 1 => await ListAsync(console),
                "list" => UsageError(console, "'users list' takes no arguments"),
                "groups" when args.Length == 3 => await SetGroupsAsync(args[1], args[2], console),
                "groups" => UsageError(console, "'users groups' needs a user name and a comma-separated group list (\"\" for none)"),
                "disable" or "enable" when args.Length == 2 => await SetDisabledAsync(args[1], args[0] == "disable", console),
                "disable" or "enable" => UsageError(console, $"'users {args[0]}' needs exactly one user name"),
                "token" when args.Length >= 2 => await IssueTokenAsync(args[1], args[2..], console),
                "token" => UsageError(console, "'users token' needs a user name"),
                "tokens" when args.Length <= 2 => await ListTokensAsync(args.Length == 2 ? args[1] : null, console),
                "tokens" => UsageError(console, "'users tokens' takes at most one user name"),
                "revoke-token" when args.Length == 2 => await RevokeTokenAsync(args[1], console),
                "revoke-token" => UsageError(console, "'users revoke-token' needs exactly one token id"),
                _ => UsageError(console, $"unknown sub-command '{args[0]}'"),
            };
        }
        catch (ArgumentException e)
        {
            return UsageError(console, e.Message);
        }
        catch (InvalidOperationException e)
        {
            console.Error.WriteLine($"users: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is Microsoft.EntityFrameworkCore.DbUpdateException or Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"users: cannot use the database at {CliDatabase.PathFor(console)}: {e.GetBaseException().Message}");
            return 1;
        }
    }

    private async Task<int> AddAsync(string name, string[] args, CliConsole console)
    {
        var admin = args.Contains("--admin");
        if (!TryOptions(args.Where(a => a != "--admin").ToArray(), console, ["--groups", "--email", "--display-name"], out var options, out var error)) return error;
        var groups = HumanNames.ParseGroupList(options.GetValueOrDefault("--groups"));
        var user = new HumanUser(
            HumanNames.Normalize(name),
            options.GetValueOrDefault("--display-name") ?? "",
            options.GetValueOrDefault("--email"),
            admin ? [.. groups, "admins"] : groups,
            Disabled: false);
        await using var db = await CliDatabase.OpenAsync(console);
        var added = await new EfHumanUserStore(db).AddAsync(user);
        console.Out.WriteLine($"Added user '{added.Name}'{GroupsText(added.Groups)}.");
        // An administrator gets no default password: a one-time link to choose one.
        if (admin) await PrintSignInLinkAsync(db, added.Name, console);
        return 0;
    }

    private static async Task<int> SignInLinkAsync(string name, CliConsole console)
    {
        await using var db = await CliDatabase.OpenAsync(console);
        var normalized = HumanNames.Normalize(name);
        if (await new EfHumanUserStore(db).FindAsync(normalized) is not { } user) return NotInDatabase(console, "sign-in-link", name);
        if (user.Disabled)
        {
            console.Error.WriteLine($"users sign-in-link: user '{normalized}' is disabled; enable it first with 'users enable {normalized}'");
            return 1;
        }
        await PrintSignInLinkAsync(db, normalized, console);
        return 0;
    }

    private static async Task PrintSignInLinkAsync(OrchestratorDbContext db, string name, CliConsole console)
    {
        var secret = await new Identity.Sessions.SignInLinks(db, TimeProvider.System).IssueAsync(name);
        var url = Hosting.PublicUrl.From(LoadConfiguration()) + Identity.Sessions.SignInLinks.PathPrefix + secret;
        console.Out.WriteLine($"One-time link for '{name}' to choose a password (works once, for {Identity.Sessions.SignInLinks.Lifetime.TotalHours:0} hours; earlier links of '{name}' no longer work):");
        console.Out.WriteLine($"    {url}");
    }

    // The next sign-in of this name through the provider takes the account over; the provider's subject is recorded then.
    private async Task<int> LinkAsync(string name, string provider, CliConsole console)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(provider, "^[a-z0-9][a-z0-9-]{0,39}$"))
            return UsageError(console, $"'{provider}' is not a provider name (lower-case letters, digits and '-', as under Authentication:Oidc)");
        await using var db = await CliDatabase.OpenAsync(console);
        var normalized = HumanNames.Normalize(name);
        var user = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(db.Set<HumanUserEntity>(), u => u.Name == normalized);
        if (user is null) return NotInDatabase(console, "link", name);
        user.LoginProvider = provider;
        user.LoginSubject = null;
        await db.SaveChangesAsync();
        console.Out.WriteLine($"The next sign-in of '{normalized}' with provider '{provider}' takes over this account (its groups and tokens stay).");
        return 0;
    }

    // From standard input, never an argument: arguments are visible to every user of the machine and land in shell history.
    private static async Task<int> SetPasswordAsync(string name, CliConsole console)
    {
        var password = (await console.In.ReadLineAsync())?.TrimEnd('\r') ?? "";
        if (Identity.Sessions.LocalPasswords.Problem(password) is { } problem)
        {
            console.Error.WriteLine($"users: password refused: {problem}");
            return 1;
        }
        await using var db = await CliDatabase.OpenAsync(console);
        var normalized = HumanNames.Normalize(name);
        var user = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            db.Set<HumanUserEntity>(), u => u.Name == normalized);
        if (user is null) return NotInDatabase(console, "set-password", name);
        user.PasswordHash = Identity.Sessions.LocalPasswords.Hash(password);
        user.FailedSignIns = 0;
        user.LockedUntil = null;
        await db.SaveChangesAsync();
        console.Out.WriteLine($"Set the password of '{normalized}'; they can sign in at /auth/signin.");
        return 0;
    }

    private static async Task<int> ListAsync(CliConsole console)
    {
        await using var db = await CliDatabase.OpenAsync(console);
        var stored = (await new EfHumanUserStore(db).ListAsync()).Select(u => u.Name).ToHashSet(StringComparer.Ordinal);
        var all = await new EfHumanDirectory(db, LoadConfiguredHumans()).ListAsync();
        if (all.Count == 0)
        {
            console.Out.WriteLine("No users. Add one with: users add NAME --groups a,b");
            return 0;
        }
        console.Out.WriteLine($"{"NAME",-24} {"SOURCE",-9} {"STATUS",-9} {"EMAIL",-30} GROUPS");
        foreach (var u in all)
            console.Out.WriteLine($"{u.Name,-24} {(stored.Contains(u.Name) ? "database" : "config"),-9} {(u.Disabled ? "disabled" : "active"),-9} {u.Email ?? "-",-30} {string.Join(",", u.Groups)}");
        return 0;
    }

    private static async Task<int> SetGroupsAsync(string name, string groups, CliConsole console)
    {
        await using var db = await CliDatabase.OpenAsync(console);
        var parsed = HumanNames.ParseGroupList(groups);
        if (!await new EfHumanUserStore(db).SetGroupsAsync(name, parsed))
            return NotInDatabase(console, "groups", name);
        console.Out.WriteLine($"User '{HumanNames.Normalize(name)}' is now in{(parsed.Count == 0 ? " no groups" : " " + string.Join(",", parsed))}.");
        return 0;
    }

    private static async Task<int> SetDisabledAsync(string name, bool disabled, CliConsole console)
    {
        await using var db = await CliDatabase.OpenAsync(console);
        if (!await new EfHumanUserStore(db).SetDisabledAsync(name, disabled))
            return NotInDatabase(console, disabled ? "disable" : "enable", name);
        console.Out.WriteLine($"{(disabled ? "Disabled" : "Enabled")} user '{HumanNames.Normalize(name)}'{(disabled ? "; their tokens no longer authenticate" : "")}.");
        return 0;
    }

    private async Task<int> IssueTokenAsync(string name, string[] args, CliConsole console)
    {
        if (!TryOptions(args, console, ["--label"], out var options, out var error)) return error;
        await using var db = await CliDatabase.OpenAsync(console);
        var user = await new EfHumanDirectory(db, LoadConfiguredHumans()).FindByNameAsync(name);
        if (user is null)
        {
            console.Error.WriteLine($"users token: no user '{HumanNames.Normalize(name)}' (add it first with 'users add')");
            return 1;
        }
        if (user.Disabled)
        {
            console.Error.WriteLine($"users token: user '{user.Name}' is disabled; enable it first with 'users enable {user.Name}'");
            return 1;
        }
        var issued = await new EfUserTokenStore(db).IssueAsync(user.Name, options.GetValueOrDefault("--label") ?? "cli");
        console.Out.WriteLine($"Created personal token {issued.Token.Id} for '{user.Name}'.");
        console.Out.WriteLine("This is the only time the token is shown; store it now and use it as 'Authorization: Bearer <token>':");
        console.Out.WriteLine();
        console.Out.WriteLine(issued.RawToken);
        return 0;
    }

    private static async Task<int> ListTokensAsync(string? name, CliConsole console)
    {
        await using var db = await CliDatabase.OpenAsync(console);
        var tokens = await new EfUserTokenStore(db).ListAsync(name);
        if (tokens.Count == 0)
        {
            console.Out.WriteLine("No personal tokens. Issue one with: users token NAME");
            return 0;
        }
        console.Out.WriteLine($"{"ID",-10} {"USER",-24} {"LABEL",-12} {"CREATED",-17} STATUS");
        foreach (var t in tokens)
        {
            var status = t.RevokedAt is { } revoked ? $"revoked {revoked.UtcDateTime:yyyy-MM-dd HH:mm}Z" : "active";
            console.Out.WriteLine($"{t.Id,-10} {t.UserName,-24} {t.Label,-12} {t.CreatedAt.UtcDateTime,-17:yyyy-MM-dd HH:mm} {status}");
        }
        return 0;
    }

    private static async Task<int> RevokeTokenAsync(string id, CliConsole console)
    {
        // A whole rbu_ token pasted by mistake is reduced to its public id; nothing else of it is used or echoed.
        var tokenId = SecretTokenFormat.UserToken.TryParse(id, out var parsed) ? parsed.Id : id.Trim();
        await using var db = await CliDatabase.OpenAsync(console);
        if (!await new EfUserTokenStore(db).RevokeAsync(tokenId))
        {
            console.Error.WriteLine(tokenId.Length <= SecretTokenFormat.IdLength
                ? $"users revoke-token: no token with id '{tokenId}' (see 'users tokens')"
                : "users revoke-token: no token with that id (ids are 8 characters; see 'users tokens')");
            return 1;
        }
        console.Out.WriteLine($"Revoked token {tokenId}.");
        return 0;
    }

    private bool TryOptions(string[] args, CliConsole console, string[] known, out Dictionary<string, string> options, out int error)
    {
        options = new Dictionary<string, string>(StringComparer.Ordinal);
        error = 0;
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!known.Contains(args[i]))
            {
                error = UsageError(console, $"unknown option '{args[i]}'");
                return false;
            }
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                error = UsageError(console, $"option '{args[i]}' needs a value");
                return false;
            }
            options[args[i]] = args[i + 1];
        }
        return true;
    }

    private static ConfiguredHumans LoadConfiguredHumans() => ConfiguredHumans.From(LoadConfiguration());

    private static IConfiguration LoadConfiguration() => new ConfigurationBuilder()
        .SetBasePath(Directory.GetCurrentDirectory())
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();

    private static int NotInDatabase(CliConsole console, string verb, string name)
    {
        console.Error.WriteLine($"users {verb}: no user '{HumanNames.Normalize(name)}' in the database (users from configuration are changed in configuration; 'users add' creates one here)");
        return 1;
    }

    private static string GroupsText(IReadOnlyList<string> groups) => groups.Count == 0 ? "" : $" in {string.Join(",", groups)}";

    private int UsageError(CliConsole console, string message)
    {
        console.Error.WriteLine($"users: {message}");
        console.Error.WriteLine($"usage: {Usage}");
        return 2;
    }
}
