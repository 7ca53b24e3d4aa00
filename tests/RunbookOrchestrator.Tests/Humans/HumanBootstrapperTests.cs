using Microsoft.Extensions.Logging.Abstractions;
using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Server.Identity.Humans;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Server.Persistence.Identity;
using RunbookOrchestrator.Tests.Identity;

namespace RunbookOrchestrator.Tests.Humans;

public class HumanBootstrapperTests
{
    private static HumanBootstrapper Bootstrapper(OrchestratorDbContext db, ConfiguredHumans? configured = null) => new(
        new EfHumanUserStore(db),
        new EfHumanDirectory(db, configured ?? ConfiguredHumans.None),
        new EfUserTokenStore(db),
        NullLogger<HumanBootstrapper>.Instance);

    [Fact]
    public async Task Bootstrap_creates_the_users_their_groups_and_their_tokens()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        string alice = People.Name(), bob = People.Name(), tokenA = People.Token(), tokenB = People.Token();
        await using var db = database.Open();

        await Bootstrapper(db).ImportAsync($"{alice}:{tokenA}:data-owners,sre;{bob}:{tokenB}:data-owners");

        var directory = new EfHumanDirectory(db, ConfiguredHumans.None);
        Assert.Equal(["data-owners", "sre"], await directory.GroupsOfAsync(alice));
        Assert.Equal(new[] { alice, bob }.Order(StringComparer.Ordinal), await directory.MembersOfAsync("data-owners"));
        Assert.Equal(bob, (await new EfUserTokenStore(db).FindByTokenAsync(tokenB))!.Token.UserName);
    }

    [Fact]
    public async Task Bootstrapping_twice_creates_nothing_the_second_time()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        var value = $"{People.Name()}:{People.Token()}:sre;{People.Name()}:{People.Token()}";
        await using (var first = database.Open())
            await Bootstrapper(first).ImportAsync(value);
        await using var second = database.Open();

        var result = await Bootstrapper(second).ImportAsync(value);

        Assert.Equal((0, 0, 0), (result.CreatedUsers, result.CreatedTokens, result.AddedMemberships));
        Assert.Equal(2, (await new EfUserTokenStore(second).ListAsync()).Count);
        Assert.Equal(2, (await new EfHumanUserStore(second).ListAsync()).Count);
    }

    [Fact]
    public async Task Bootstrap_adds_a_new_group_to_an_existing_user_and_keeps_the_old_ones()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        string alice = People.Name(), token = People.Token();
        await using var db = database.Open();
        await Bootstrapper(db).ImportAsync($"{alice}:{token}:sre");

        await Bootstrapper(db).ImportAsync($"{alice}:{token}:data-owners");

        Assert.Equal(["data-owners", "sre"], (await new EfHumanUserStore(db).FindAsync(alice))!.Groups);
    }

    [Fact]
    public async Task Malformed_entry_is_named_in_the_error_without_its_token()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        string alice = People.Name(), bob = People.Name(), tokenA = People.Token();
        await using var db = database.Open();

        var error = await Assert.ThrowsAsync<BootstrapUsersFormatException>(() =>
            Bootstrapper(db).ImportAsync($"{alice}:{tokenA}:sre;{bob}::sre"));

        Assert.Contains($"entry 2 (user '{bob}')", error.Message);
        Assert.Contains("token is empty", error.Message);
        Assert.DoesNotContain(tokenA, error.Message);
    }

    [Fact]
    public async Task Entry_with_too_many_parts_is_named_by_position_only_so_no_secret_leaks()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        var token = People.Token();
        await using var db = database.Open();

        var error = await Assert.ThrowsAsync<BootstrapUsersFormatException>(() =>
            Bootstrapper(db).ImportAsync($"{People.Name()}:{token}:sre:extra"));

        Assert.Contains("RBO_BOOTSTRAP_USERS", error.Message);
        Assert.Contains("entry 1", error.Message);
        Assert.DoesNotContain(token, error.Message);
    }

    [Fact]
    public async Task Malformed_input_changes_nothing_in_the_database()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        await using var db = database.Open();

        await Assert.ThrowsAsync<BootstrapUsersFormatException>(() =>
            Bootstrapper(db).ImportAsync($"{People.Name()}:{People.Token()};Not A Name:{People.Token()}"));

        Assert.Empty(await new EfHumanUserStore(db).ListAsync());
    }

    [Fact]
    public async Task A_token_already_held_by_another_user_is_not_reassigned()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        string alice = People.Name(), mallory = People.Name(), token = People.Token();
        await using var db = database.Open();
        await Bootstrapper(db).ImportAsync($"{alice}:{token}");

        var result = await Bootstrapper(db).ImportAsync($"{mallory}:{token}");

        Assert.Contains(result.Problems, p => p.Contains(mallory) && !p.Contains(token));
        Assert.Equal(alice, (await new EfUserTokenStore(db).FindByTokenAsync(token))!.Token.UserName);
    }

    [Fact]
    public async Task Bootstrapping_a_configured_user_keeps_the_groups_from_configuration()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        var carol = People.Name();
        var configured = new ConfiguredHumans([new HumanUser(carol, carol, null, ["approvers"], false)]);
        await using var db = database.Open();

        await Bootstrapper(db, configured).ImportAsync($"{carol}:{People.Token()}:sre");

        Assert.Equal(["approvers", "sre"], await new EfHumanDirectory(db, configured).GroupsOfAsync(carol));
    }
}
