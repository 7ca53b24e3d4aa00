using System.Text.RegularExpressions;
using RunbookOrchestrator.Server.Cli;

namespace RunbookOrchestrator.Tests.Identity;

/// <summary>Runs the real <c>keys</c> verb against a real database file.</summary>
public class KeysCommandTests
{
    private static async Task<(int Code, string Out, string Error)> RunAsync(string dataDir, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(TextReader.Null, output, error) { DataDirectory = dataDir };
        var code = await CliCommands.Find(["keys"])!.RunAsync(args, console);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Keys_create_prints_the_key_once_and_keys_list_never_shows_it()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();

        var created = await RunAsync(database.DataDir, "create", "--agent", "ops-bot", "--owner", "alice", "--runbooks", "health-check,scale-service");
        var listed = await RunAsync(database.DataDir, "list");

        Assert.Equal(0, created.Code);
        var raw = Regex.Match(created.Out, "rbo_[a-z0-9]{8}_[A-Za-z0-9_-]{43}").Value;
        Assert.NotEmpty(raw);
        Assert.Equal(0, listed.Code);
        Assert.Contains("ops-bot", listed.Out);
        Assert.Contains("health-check,scale-service", listed.Out);
        Assert.DoesNotContain(raw[13..], listed.Out);
    }

    [Fact]
    public async Task Keys_create_without_an_owner_fails_naming_the_owner()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();

        var result = await RunAsync(database.DataDir, "create", "--agent", "ops-bot");

        Assert.Equal(2, result.Code);
        Assert.Contains("owner", result.Error);
    }

    [Fact]
    public async Task Keys_revoke_marks_the_key_revoked_in_the_list()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        var created = await RunAsync(database.DataDir, "create", "--agent", "ops-bot", "--owner", "alice");
        var id = Regex.Match(created.Out, "rbo_([a-z0-9]{8})_").Groups[1].Value;

        var revoked = await RunAsync(database.DataDir, "revoke", id);
        var listed = await RunAsync(database.DataDir, "list");

        Assert.Equal(0, revoked.Code);
        Assert.Contains("revoked", listed.Out.Split('\n').Single(l => l.StartsWith(id)));
    }

    [Fact]
    public async Task Keys_revoke_of_an_unknown_id_fails_with_a_clear_message()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();

        var result = await RunAsync(database.DataDir, "revoke", "zzzz9999");

        Assert.Equal(1, result.Code);
        Assert.Contains("no key with id 'zzzz9999'", result.Error);
    }
}
