using System.Text.Json.Nodes;
using Bogus;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class RunListQueryTests(ApiFixture fixture)
{
    private readonly Faker _faker = new();

    [Fact]
    public async Task Listing_with_an_unknown_status_is_a_400_naming_status()
    {
        using var response = await fixture.Agent.GetAsync($"/api/runs?status={_faker.Lorem.Word()}x");

        Assert.Contains("'status'", (await response.AssertProblemAsync(400)).Detail());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("501")]
    [InlineData("lots")]
    public async Task Listing_with_a_limit_out_of_range_or_not_a_number_is_a_400_naming_limit(string limit)
    {
        using var response = await fixture.Agent.GetAsync($"/api/runs?limit={limit}");

        Assert.Contains("limit", (await response.AssertProblemAsync(400)).Detail());
    }

    [Fact]
    public async Task Listing_with_a_created_after_that_is_not_an_instant_is_a_400_naming_it()
    {
        using var response = await fixture.Agent.GetAsync($"/api/runs?created_after={_faker.Lorem.Word()}");

        Assert.Contains("'created_after'", (await response.AssertProblemAsync(400)).Detail());
    }

    [Fact]
    public async Task Listing_shows_only_the_callers_own_runs()
    {
        using var mine = await fixture.App.AgentClientAsync("lister-" + _faker.Random.AlphaNumeric(8));
        var myRun = await mine.StartAsync("typed", new { count = _faker.Random.Int(1, 9) });
        var theirRun = await fixture.Agent.StartAsync("typed", new { count = _faker.Random.Int(1, 9) });

        var ids = await ListIdsAsync(mine, "/api/runs");

        Assert.Equal([myRun], ids);
        Assert.DoesNotContain(theirRun, ids);
    }

    [Fact]
    public async Task Paging_with_a_limit_walks_all_runs_newest_first_without_repeats()
    {
        using var agent = await fixture.App.AgentClientAsync("pager-" + _faker.Random.AlphaNumeric(8));
        var started = new List<string>();
        for (var i = 0; i < 3; i++) started.Add(await agent.StartAsync("typed", new { count = i + 1 }));

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = JsonNode.Parse(await agent.GetStringAsync("/api/runs?limit=2" + (cursor is null ? "" : $"&cursor={cursor}")))!;
            seen.AddRange(page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
            cursor = page["next_cursor"]?.GetValue<string>();
        } while (cursor != null);

        Assert.Equal(Enumerable.Reverse(started), seen);
    }

    [Fact]
    public async Task Listing_with_created_after_leaves_out_earlier_runs()
    {
        using var agent = await fixture.App.AgentClientAsync("dated-" + _faker.Random.AlphaNumeric(8));
        var early = await agent.StartAsync("typed", new { count = 1 });
        var cutoff = (await agent.GetRunAsync(early))["created_at"]!.GetValue<DateTimeOffset>().AddMilliseconds(1);
        await WaitUntilAfterAsync(cutoff);
        var late = await agent.StartAsync("typed", new { count = 2 });

        var ids = await ListIdsAsync(agent, $"/api/runs?created_after={Uri.EscapeDataString(cutoff.ToString("O"))}");

        Assert.Equal([late], ids);
    }

    private static async Task<List<string>> ListIdsAsync(HttpClient client, string url)
    {
        var page = JsonNode.Parse(await client.GetStringAsync(url))!;
        return page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();
    }

    // Not a timing assertion: only makes sure the clock has moved past the cut-off before the second run is created.
    private static async Task WaitUntilAfterAsync(DateTimeOffset instant)
    {
        while (DateTimeOffset.UtcNow <= instant) await Task.Delay(5);
    }
}
