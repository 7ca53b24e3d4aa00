using Microsoft.Extensions.Logging.Abstractions;
using RunbookOrchestrator.Identity;
using RunbookOrchestrator.Server.Identity;
using RunbookOrchestrator.Server.Persistence.Identity;

namespace RunbookOrchestrator.Tests.Identity;

public class AgentKeyBootstrapperTests
{
    private static AgentKeyBootstrapper Bootstrapper(IAgentKeyStore store) => new(store, NullLogger<AgentKeyBootstrapper>.Instance);

    [Fact]
    public async Task Configured_bootstrap_key_is_created_for_the_bootstrap_agent_with_all_runbooks()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        await using var db = database.Open();
        var store = new EfAgentKeyStore(db);
        var raw = ApiKeyFormat.Generate().Reveal();

        var outcome = await Bootstrapper(store).ImportBootstrapKeyAsync(raw);

        Assert.Equal(BootstrapKeyOutcome.Created, outcome);
        ApiKeyFormat.TryParse(raw, out var key);
        var stored = await store.FindByIdAsync(key!.Id);
        Assert.Equal(("bootstrap-agent", "bootstrap-owner"), (stored!.Key.AgentName, stored.Key.Owner));
        Assert.True(stored.Key.MayTrigger("any-runbook"));
        Assert.True(ApiKeyFormat.Matches(key, stored.SecretHash));
    }

    [Fact]
    public async Task Bootstrap_key_that_already_exists_is_not_created_again()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        await using var db = database.Open();
        var store = new EfAgentKeyStore(db);
        var raw = ApiKeyFormat.Generate().Reveal();
        await Bootstrapper(store).ImportBootstrapKeyAsync(raw);

        var second = await Bootstrapper(store).ImportBootstrapKeyAsync(raw);

        Assert.Equal(BootstrapKeyOutcome.AlreadyPresent, second);
        Assert.Single(await store.ListAsync());
    }

    [Fact]
    public async Task Malformed_bootstrap_key_creates_nothing()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        await using var db = database.Open();
        var store = new EfAgentKeyStore(db);

        var outcome = await Bootstrapper(store).ImportBootstrapKeyAsync("not-a-key");

        Assert.Equal(BootstrapKeyOutcome.Malformed, outcome);
        Assert.Empty(await store.ListAsync());
    }

    [Fact]
    public async Task Demo_key_is_created_on_an_empty_store_and_works()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        await using var db = database.Open();
        var store = new EfAgentKeyStore(db);

        var issued = await Bootstrapper(store).CreateDemoKeyIfStoreEmptyAsync();

        Assert.NotNull(issued);
        Assert.Equal(("demo-agent", "demo-owner"), (issued.Key.AgentName, issued.Key.Owner));
        Assert.True(ApiKeyFormat.TryParse(issued.RawKey, out var key));
        Assert.True(ApiKeyFormat.Matches(key, (await store.FindByIdAsync(key.Id))!.SecretHash));
        Assert.Contains(issued.RawKey, DemoAgentKey.Banner(issued));
    }

    [Fact]
    public async Task Demo_key_is_not_created_when_keys_already_exist()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        await using var db = database.Open();
        var store = new EfAgentKeyStore(db);
        await store.IssueAsync(new AgentKeyRequest("ops-bot", "alice", ["*"]));

        Assert.Null(await Bootstrapper(store).CreateDemoKeyIfStoreEmptyAsync());
        Assert.Single(await store.ListAsync());
    }
}
