using System.Net.Http.Json;
using Bogus;
using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Identity;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class AccessTests(ApiFixture fixture)
{
    private readonly Faker _faker = new();
    private static readonly object ValidBody = new { inputs = new { count = 1 } };

    [Fact]
    public async Task An_unknown_runbook_is_a_404_naming_it()
    {
        var runbook = "missing-" + _faker.Random.AlphaNumeric(8).ToLowerInvariant();
        var before = await fixture.App.CountRunsAsync();

        using var response = await fixture.Agent.PostAsJsonAsync($"/api/runbooks/{runbook}/runs", ValidBody);

        Assert.Contains(runbook, (await response.AssertProblemAsync(404)).Detail());
        Assert.Equal(before, await fixture.App.CountRunsAsync());
    }

    [Fact]
    public async Task A_request_without_a_key_is_a_401()
    {
        var before = await fixture.App.CountRunsAsync();
        using var anonymous = fixture.Anonymous();

        using var response = await anonymous.PostAsJsonAsync("/api/runbooks/typed/runs", ValidBody);

        Assert.Contains("API key", (await response.AssertProblemAsync(401)).Detail());
        Assert.Equal(before, await fixture.App.CountRunsAsync());
    }

    [Fact]
    public async Task A_request_with_an_unknown_key_is_a_401()
    {
        var before = await fixture.App.CountRunsAsync();
        using var stranger = fixture.WithKey("rbo_" + _faker.Random.AlphaNumeric(40));

        using var response = await stranger.PostAsJsonAsync("/api/runbooks/typed/runs", ValidBody);

        Assert.Contains("API key", (await response.AssertProblemAsync(401)).Detail());
        Assert.Equal(before, await fixture.App.CountRunsAsync());
    }

    [Fact]
    public async Task A_request_with_a_revoked_key_is_a_401()
    {
        IssuedAgentKey issued;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IAgentKeyStore>();
            issued = await store.IssueAsync(new AgentKeyRequest("revoked-agent", "revoked-owner", [AgentKey.AllRunbooks]));
            Assert.True(await store.RevokeAsync(issued.Key.Id));
        }
        var before = await fixture.App.CountRunsAsync();
        using var revoked = fixture.WithKey(issued.RawKey);

        using var response = await revoked.PostAsJsonAsync("/api/runbooks/typed/runs", ValidBody);

        Assert.Contains("revoked", (await response.AssertProblemAsync(401)).Detail());
        Assert.Equal(before, await fixture.App.CountRunsAsync());
    }

    [Fact]
    public async Task A_key_not_allowed_for_the_runbook_is_a_403_naming_the_runbook()
    {
        using var narrow = await fixture.App.AgentClientAsync("narrow-agent", "parked");
        var before = await fixture.App.CountRunsAsync();

        using var response = await narrow.PostAsJsonAsync("/api/runbooks/typed/runs", ValidBody);

        Assert.Contains("'typed'", (await response.AssertProblemAsync(403)).Detail());
        Assert.Equal(before, await fixture.App.CountRunsAsync());
    }

    [Fact]
    public async Task Another_agents_run_is_a_404()
    {
        var id = await fixture.Agent.StartAsync("typed", new { count = _faker.Random.Int(1, 9) });
        using var other = await fixture.App.AgentClientAsync("other-agent");

        using var response = await other.GetAsync($"/api/runs/{id}");

        Assert.Contains(id, (await response.AssertProblemAsync(404)).Detail());
    }

    [Fact]
    public async Task An_unknown_run_is_a_404()
    {
        var id = _faker.Random.Hexadecimal(32, prefix: "");

        using var response = await fixture.Agent.GetAsync($"/api/runs/{id}");

        Assert.Contains(id, (await response.AssertProblemAsync(404)).Detail());
    }

    [Fact]
    public async Task An_event_name_with_forbidden_characters_is_a_400_and_nothing_is_stored()
    {
        var id = await fixture.Agent.StartAsync("parked");
        await fixture.Agent.WaitForAsync(id, r => r.Status() == "waiting");

        using var response = await fixture.Agent.PostAsJsonAsync($"/api/runs/{id}/events/go$now", new { });

        Assert.Contains("Event names", (await response.AssertProblemAsync(400)).Detail());
        Assert.Equal(0, await fixture.CountSignalsAsync(id));
    }

    [Fact]
    public async Task An_event_to_a_finished_run_is_a_409_and_nothing_is_stored()
    {
        var id = await fixture.Agent.StartAsync("typed", new { count = _faker.Random.Int(1, 9) });
        await fixture.Agent.WaitForEndAsync(id);

        using var response = await fixture.Agent.PostAsJsonAsync($"/api/runs/{id}/events/go", new { note = _faker.Lorem.Word() });

        Assert.Contains("already finished", (await response.AssertProblemAsync(409)).Detail());
        Assert.Equal(0, await fixture.CountSignalsAsync(id));
    }

    [Fact]
    public async Task The_openapi_document_is_served_and_lists_the_runs_paths()
    {
        using var anonymous = fixture.Anonymous();

        var document = await anonymous.GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"/api/runbooks/{runbookId}/runs\"", document);
        Assert.Contains("\"/api/runs/{runId}\"", document);
        Assert.Contains("\"/api/runs/{runId}/events/{eventName}\"", document);
    }
}
