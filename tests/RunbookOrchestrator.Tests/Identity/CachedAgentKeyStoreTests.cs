using RunbookOrchestrator.Identity;
using RunbookOrchestrator.Server.Identity;
using RunbookOrchestrator.Server.Persistence.Identity;

namespace RunbookOrchestrator.Tests.Identity;

public class CachedAgentKeyStoreTests
{
    private static readonly AgentKeyRequest OpsBot = new("ops-bot", "alice@example.com", ["*"]);

    [Fact]
    public async Task A_key_revoked_through_the_cached_store_is_revoked_on_the_next_lookup()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        await using var db = database.Open();
        var store = new CachedAgentKeyStore(new EfAgentKeyStore(db), new AgentKeyCache(new ManualClock()));
        var issued = await store.IssueAsync(OpsBot);
        Assert.False((await store.FindByIdAsync(issued.Key.Id))!.Key.IsRevoked);

        Assert.True(await store.RevokeAsync(issued.Key.Id));

        Assert.True((await store.FindByIdAsync(issued.Key.Id))!.Key.IsRevoked);
    }

    [Fact]
    public async Task A_key_revoked_by_another_process_is_refused_once_the_cache_lifetime_has_passed()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        var clock = new ManualClock();
        await using var db = database.Open();
        var store = new CachedAgentKeyStore(new EfAgentKeyStore(db), new AgentKeyCache(clock));
        var issued = await store.IssueAsync(OpsBot);
        Assert.False((await store.FindByIdAsync(issued.Key.Id))!.Key.IsRevoked);

        await using (var elsewhere = database.Open())
            await new EfAgentKeyStore(elsewhere).RevokeAsync(issued.Key.Id);
        clock.Advance(AgentKeyCache.Lifetime);

        Assert.True((await store.FindByIdAsync(issued.Key.Id))!.Key.IsRevoked);
    }

    [Fact]
    public async Task A_cached_key_expires_five_seconds_after_its_read_started_not_after_it_ended()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        await using var db = database.Open();
        var issued = await new EfAgentKeyStore(db).IssueAsync(OpsBot);
        var stored = (await new EfAgentKeyStore(db).FindByIdAsync(issued.Key.Id))!;
        var clock = new ManualClock();
        var cache = new AgentKeyCache(clock);
        var readStartedAt = cache.Now();
        clock.Advance(TimeSpan.FromSeconds(3)); // a read that waited on a busy database

        cache.Remember(stored, readStartedAt);
        clock.Advance(AgentKeyCache.Lifetime - TimeSpan.FromSeconds(3));

        Assert.False(cache.TryGet(issued.Key.Id, out _));
    }

    [Fact]
    public async Task An_unknown_id_is_not_remembered()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        await using var db = database.Open();
        var store = new CachedAgentKeyStore(new EfAgentKeyStore(db), new AgentKeyCache(new ManualClock()));
        var key = ApiKeyFormat.Generate();
        Assert.Null(await store.FindByIdAsync(key.Id));

        await store.CreateAsync(OpsBot, key);

        Assert.NotNull(await store.FindByIdAsync(key.Id));
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
