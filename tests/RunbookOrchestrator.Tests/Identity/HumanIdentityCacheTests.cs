using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Bogus;
using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Server.Identity.Humans;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Identity;

/// <summary>People and tokens are remembered for a few seconds, and any change this server saves is seen from the next request.</summary>
public sealed class HumanIdentityCacheTests : IAsyncLifetime
{
    private readonly Faker _faker = new();
    private readonly OrchestratorApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_token_revoked_by_the_server_is_refused_on_the_next_request()
    {
        var (client, tokenId) = await PersonAsync("sre");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);

        await using (var scope = _app.Services.CreateAsyncScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<IUserTokenStore>().RevokeAsync(tokenId));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_person_disabled_by_the_server_is_refused_on_the_next_request()
    {
        var (client, _) = await PersonAsync("sre");
        var name = await NameAsync(client);

        await using (var scope = _app.Services.CreateAsyncScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<IHumanUserStore>().SetDisabledAsync(name, true));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_group_taken_away_by_the_server_is_gone_from_the_next_request()
    {
        var (client, _) = await PersonAsync("sre", "dba");
        var name = await NameAsync(client);

        await using (var scope = _app.Services.CreateAsyncScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<IHumanUserStore>().SetGroupsAsync(name, ["dba"]));

        var me = JsonNode.Parse(await client.GetStringAsync("/api/me"))!;
        Assert.Equal(["dba"], me["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
    }

    [Fact]
    public void A_read_that_raced_a_change_is_not_remembered()
    {
        var cache = new HumanIdentityCache(TimeProvider.System);
        var stamp = cache.Stamp();
        cache.Clear(); // a change saved while the read was under way

        cache.RememberToken("AB12", new HumanUser("dana", "Dana", null, ["sre"], false), "token-id", stamp);
        cache.RememberDirectory(HumanDirectorySnapshotOf(), stamp);

        Assert.False(cache.TryGetToken("AB12", out _, out _));
        Assert.Null(cache.Directory());
    }

    [Fact]
    public void A_remembered_token_is_read_again_once_its_lifetime_from_the_read_start_has_passed()
    {
        var clock = new ManualClock();
        var cache = new HumanIdentityCache(clock);
        var stamp = cache.Stamp();
        clock.Advance(TimeSpan.FromSeconds(3)); // a read that waited on a busy database
        cache.RememberToken("AB12", new HumanUser("dana", "Dana", null, ["sre"], false), "token-id", stamp);
        Assert.True(cache.TryGetToken("AB12", out _, out _));

        clock.Advance(HumanIdentityCache.Lifetime - TimeSpan.FromSeconds(3));

        Assert.False(cache.TryGetToken("AB12", out _, out _));
    }

    private static HumanDirectorySnapshot HumanDirectorySnapshotOf() =>
        HumanDirectorySnapshot.ReadAsync(new OneUserDirectory(), CancellationToken.None).GetAwaiter().GetResult();

    private async Task<(HttpClient Client, string TokenId)> PersonAsync(params string[] groups)
    {
        var name = "person-" + _faker.Random.AlphaNumeric(8).ToLowerInvariant();
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IHumanUserStore>().AddAsync(new HumanUser(name, name, null, groups, false));
        var issued = await scope.ServiceProvider.GetRequiredService<IUserTokenStore>().IssueAsync(name);
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.RawToken);
        return (client, issued.Token.Id);
    }

    private static async Task<string> NameAsync(HttpClient client) =>
        JsonNode.Parse(await client.GetStringAsync("/api/me"))!["name"]!.GetValue<string>();

    private sealed class OneUserDirectory : IHumanDirectory
    {
        private static readonly HumanUser Dana = new("dana", "Dana", "dana@example.com", ["sre"], false);
        public Task<HumanUser?> FindByNameAsync(string name, CancellationToken cancellationToken = default) => Task.FromResult<HumanUser?>(Dana);
        public Task<IReadOnlyList<string>> GroupsOfAsync(string name, CancellationToken cancellationToken = default) => Task.FromResult(Dana.Groups);
        public Task<IReadOnlyList<string>> MembersOfAsync(string group, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<string>>(["dana"]);
        public Task<IReadOnlyList<HumanUser>> ListAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<HumanUser>>([Dana]);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
