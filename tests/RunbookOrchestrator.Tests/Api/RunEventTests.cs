using System.Net.Http.Json;
using Bogus;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Api;

/// <summary>Who may send a run an event, and how many it may hold unconsumed.</summary>
[Collection(ApiCollection.Name)]
public sealed class RunEventTests(ApiFixture fixture)
{
    private readonly Faker _faker = new();

    [Fact]
    public async Task An_event_to_another_agents_run_is_a_404_and_nothing_is_stored()
    {
        var id = await fixture.Agent.StartAsync("parked");
        await fixture.Agent.WaitForAsync(id, r => r.Status() == "waiting");
        using var stranger = await fixture.App.AgentClientAsync("stranger-" + _faker.Random.AlphaNumeric(6).ToLowerInvariant());

        using var response = await stranger.PostAsJsonAsync($"/api/runs/{id}/events/go", new { note = _faker.Lorem.Word() });

        Assert.Contains(id, (await response.AssertProblemAsync(404)).Detail());
        Assert.Equal(0, await fixture.CountSignalsAsync(id));
        Assert.Equal("waiting", (await fixture.Agent.GetRunAsync(id)).Status());
    }

    [Fact]
    public async Task An_event_beyond_the_unconsumed_limit_is_a_429_and_not_stored()
    {
        var id = await fixture.Agent.StartAsync("parked");
        await fixture.Agent.WaitForAsync(id, r => r.Status() == "waiting");
        var limit = new RuntimeOptions().MaxPendingSignalsPerRun;
        for (var i = 0; i < limit; i++)
        {
            // Events the run does not wait for stay queued, unconsumed.
            using var queued = await fixture.Agent.PostAsJsonAsync($"/api/runs/{id}/events/later-{i}", new { });
            Assert.Equal(System.Net.HttpStatusCode.Accepted, queued.StatusCode);
        }

        using var response = await fixture.Agent.PostAsJsonAsync($"/api/runs/{id}/events/go", new { });

        await response.AssertProblemAsync(429);
        Assert.Equal(limit, await fixture.CountSignalsAsync(id));
    }
}
