using RunbookOrchestrator.Identity;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Server.Persistence.Identity;

namespace RunbookOrchestrator.Server.Cli;

/// <summary><c>keys create|list|revoke</c>: manages agent API keys directly in the orchestrator database.</summary>
public sealed class KeysCommand : ICliCommand
{
    public string Name => "keys";

    public string Usage => "keys create --agent NAME --owner HUMAN [--runbooks a,b|*] | keys list | keys revoke ID";

    public async Task<int> RunAsync(string[] args, CliConsole console)
    {
        if (args.Length == 0)
            return UsageError(console, "missing sub-command (create, list or revoke)");
        try
        {
            return args[0] switch
            {
                "create" => await CreateAsync(args[1..], console),
                "list" when args.Length == 1 => await ListAsync(console),
                "list" => UsageError(console, "'keys list' takes no arguments"),
                "revoke" when args.Length == 2 => await RevokeAsync(args[1], console),
                "revoke" => UsageError(console, "'keys revoke' needs exactly one key id"),
                _ => UsageError(console, $"unknown sub-command '{args[0]}' (expected create, list or revoke)"),
            };
        }
        catch (Exception e) when (e is Microsoft.EntityFrameworkCore.DbUpdateException or Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"keys: cannot use the database at {CliDatabase.PathFor(console)}: {e.GetBaseException().Message}");
            return 1;
        }
    }

    private async Task<int> CreateAsync(string[] args, CliConsole console)
    {
        string? agent = null, owner = null, runbooks = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                return UsageError(console, $"option '{args[i]}' needs a value");
            switch (args[i])
            {
                case "--agent": agent = args[++i]; break;
                case "--owner": owner = args[++i]; break;
                case "--runbooks": runbooks = args[++i]; break;
                default: return UsageError(console, $"unknown option '{args[i]}' for 'keys create'");
            }
        }
        var allowed = (runbooks ?? AgentKey.AllRunbooks).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var request = new AgentKeyRequest(agent ?? "", owner ?? "", allowed);
        if (request.Problems() is { Count: > 0 } problems)
            return UsageError(console, string.Join("; ", problems) + " (use --agent NAME --owner HUMAN)");

        await using var db = await CliDatabase.OpenAsync(console);
        var issued = await new EfAgentKeyStore(db).IssueAsync(request);
        console.Out.WriteLine($"Created key {issued.Key.Id} for agent '{issued.Key.AgentName}' (owner '{issued.Key.Owner}', runbooks {string.Join(",", issued.Key.AllowedRunbooks)}).");
        console.Out.WriteLine("This is the only time the key is shown; store it in the agent's secret store now:");
        console.Out.WriteLine();
        console.Out.WriteLine(issued.RawKey);
        return 0;
    }

    private async Task<int> ListAsync(CliConsole console)
    {
        await using var db = await CliDatabase.OpenAsync(console);
        var keys = await new EfAgentKeyStore(db).ListAsync();
        if (keys.Count == 0)
        {
            console.Out.WriteLine("No agent keys. Create one with: keys create --agent NAME --owner HUMAN");
            return 0;
        }
        console.Out.WriteLine($"{"ID",-10} {"PREFIX",-15} {"AGENT",-20} {"OWNER",-20} {"RUNBOOKS",-30} {"CREATED",-20} STATUS");
        foreach (var k in keys)
        {
            var status = k.RevokedAt is { } revoked ? $"revoked {revoked:yyyy-MM-dd HH:mm}Z" : "active";
            console.Out.WriteLine($"{k.Id,-10} {k.Prefix,-15} {k.AgentName,-20} {k.Owner,-20} {string.Join(",", k.AllowedRunbooks),-30} {k.CreatedAt.UtcDateTime,-20:yyyy-MM-dd HH:mm} {status}");
        }
        return 0;
    }

    private async Task<int> RevokeAsync(string id, CliConsole console)
    {
        // Accept a full key or prefix pasted by mistake, but only ever use its public id.
        var keyId = ApiKeyFormat.TryParse(id, out var parsed) ? parsed.Id : id.StartsWith("rbo_", StringComparison.Ordinal) && id.Length >= 12 ? id.Substring(4, 8) : id;
        await using var db = await CliDatabase.OpenAsync(console);
        if (!await new EfAgentKeyStore(db).RevokeAsync(keyId))
        {
            console.Error.WriteLine($"keys revoke: no key with id '{keyId}' (see 'keys list')");
            return 1;
        }
        console.Out.WriteLine($"Revoked key {keyId}.");
        return 0;
    }

    private int UsageError(CliConsole console, string message)
    {
        console.Error.WriteLine($"keys: {message}");
        console.Error.WriteLine($"usage: {Usage}");
        return 2;
    }
}
