using System.Text.RegularExpressions;
using RunbookOrchestrator.Server.Cli;
using RunbookOrchestrator.Server.Persistence.Identity;
using RunbookOrchestrator.Tests.Identity;

namespace RunbookOrchestrator.Tests.Humans;

/// <summary>Runs the real <c>users</c> verb against a real database file.</summary>
public class UsersCommandTests
{
    private static async Task<(int Code, string Out, string Error)> RunAsync(string dataDir, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(TextReader.Null, output, error) { DataDirectory = dataDir };
        var code = await CliCommands.Find(["users"])!.RunAsync(args, console);
        return (code, output.ToString(), error.ToString());
    }

    private static string LineOf(string output, string name) => output.Split('\n').Single(l => l.StartsWith(name + " "));

    [Fact]
    public async Task Users_add_stores_the_user_with_groups_and_email_and_users_list_shows_them()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        string alice = People.Name(), email = People.Email();

        var added = await RunAsync(database.DataDir, "add", alice, "--groups", "sre,data-owners", "--email", email);
        var listed = await RunAsync(database.DataDir, "list");

        Assert.Equal((0, 0), (added.Code, listed.Code));
        var line = LineOf(listed.Out, alice);
        Assert.Contains(email, line);
        Assert.Contains("data-owners,sre", line);
    }

    [Fact]
    public async Task Users_add_of_an_existing_user_fails_with_a_clear_message()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        var alice = People.Name();
        await RunAsync(database.DataDir, "add", alice);

        var again = await RunAsync(database.DataDir, "add", alice);

        Assert.Equal(1, again.Code);
        Assert.Contains($"user '{alice}' already exists", again.Error);
    }

    [Fact]
    public async Task Users_add_with_an_invalid_name_fails_naming_the_name()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();

        var result = await RunAsync(database.DataDir, "add", "no spaces");

        Assert.Equal(2, result.Code);
        Assert.Contains("user name 'no spaces'", result.Error);
    }

    [Fact]
    public async Task Users_groups_replaces_the_users_groups()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        var alice = People.Name();
        await RunAsync(database.DataDir, "add", alice, "--groups", "sre,data-owners");

        var set = await RunAsync(database.DataDir, "groups", alice, "approvers");

        Assert.Equal(0, set.Code);
        await using var db = database.Open();
        Assert.Equal(["approvers"], (await new EfHumanUserStore(db).FindAsync(alice))!.Groups);
    }

    [Fact]
    public async Task Users_disable_marks_the_user_disabled_in_the_list()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        var alice = People.Name();
        await RunAsync(database.DataDir, "add", alice);

        var disabled = await RunAsync(database.DataDir, "disable", alice);
        var listed = await RunAsync(database.DataDir, "list");

        Assert.Equal(0, disabled.Code);
        Assert.Contains("disabled", LineOf(listed.Out, alice));
    }

    [Fact]
    public async Task Users_token_prints_the_token_once_and_users_tokens_never_shows_it()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        var alice = People.Name();
        await RunAsync(database.DataDir, "add", alice);

        var issued = await RunAsync(database.DataDir, "token", alice);
        var tokens = await RunAsync(database.DataDir, "tokens", alice);

        Assert.Equal(0, issued.Code);
        var raw = Regex.Match(issued.Out, "rbu_[a-z0-9]{8}_[A-Za-z0-9_-]{43}").Value;
        Assert.NotEmpty(raw);
        Assert.Contains(raw[4..12], tokens.Out);
        Assert.DoesNotContain(raw[13..], tokens.Out);
    }

    [Fact]
    public async Task Users_token_for_an_unknown_user_fails_with_a_clear_message()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        var ghost = People.Name();

        var result = await RunAsync(database.DataDir, "token", ghost);

        Assert.Equal(1, result.Code);
        Assert.Contains($"no user '{ghost}'", result.Error);
    }

    [Fact]
    public async Task Users_revoke_token_revokes_the_token_by_its_id()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        var alice = People.Name();
        await RunAsync(database.DataDir, "add", alice);
        var issued = await RunAsync(database.DataDir, "token", alice);
        var id = Regex.Match(issued.Out, "rbu_([a-z0-9]{8})_").Groups[1].Value;

        var revoked = await RunAsync(database.DataDir, "revoke-token", id);

        Assert.Equal(0, revoked.Code);
        await using var db = database.Open();
        Assert.True((await new EfUserTokenStore(db).FindByIdAsync(id))!.Token.IsRevoked);
    }

    [Fact]
    public async Task Users_revoke_token_of_an_unknown_id_fails_with_a_clear_message()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();

        var result = await RunAsync(database.DataDir, "revoke-token", "zzzz9999");

        Assert.Equal(1, result.Code);
        Assert.Contains("no token with id 'zzzz9999'", result.Error);
    }
}
