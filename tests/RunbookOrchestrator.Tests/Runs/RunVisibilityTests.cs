using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Runs;

/// <summary>One server whose export runbook waits for data-owners; every test starts its own agent and people.</summary>
public sealed class RunVisibilityFixture : IAsyncLifetime
{
    public OrchestratorApp App { get; } = new(("export.yaml", """
        id: export
        version: 1
        owners: [data-owners]
        steps:
          - id: ask
            uses: approval
            with: { approvers: [group:data-owners], timeout: 1h }
        """));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Who sees which runs: a person their own and those waiting on them, operators all, agents their own; and the live stream of one run.</summary>
public sealed class RunVisibilityTests(RunVisibilityFixture fixture) : IClassFixture<RunVisibilityFixture>
{
    private OrchestratorApp App => fixture.App;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private async Task<(HttpClient Agent, string RunId, string GateId)> WaitingRunAsync()
    {
        var agent = await App.AgentClientAsync(Unique("agent"));
        var runId = await agent.StartAsync("export");
        await agent.WaitForAsync(runId, r => r["waiting_for"] is JsonArray { Count: > 0 });
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<OrchestratorDbContext>>().CreateDbContextAsync();
        return (agent, runId, (await db.Set<ApprovalGateData>().FirstAsync(g => g.RunId == runId)).Id);
    }

    private static async Task<IReadOnlyList<string>> ListedAsync(HttpClient client) =>
        JsonNode.Parse(await client.GetStringAsync("/api/runs?limit=500"))!["items"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task A_person_sees_a_run_that_waits_on_a_gate_they_may_decide()
    {
        var (_, runId, _) = await WaitingRunAsync();
        using var approver = await App.HumanClientAsync(Unique("owner"), "data-owners");

        using var run = await approver.GetAsync($"/api/runs/{runId}");

        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Contains(runId, await ListedAsync(approver));
    }

    [Fact]
    public async Task A_person_who_may_not_decide_it_does_not_see_someone_elses_run()
    {
        var (_, runId, _) = await WaitingRunAsync();
        using var stranger = await App.HumanClientAsync(Unique("sales"), "sales");

        using var run = await stranger.GetAsync($"/api/runs/{runId}");

        Assert.Equal(HttpStatusCode.NotFound, run.StatusCode);
        Assert.DoesNotContain(runId, await ListedAsync(stranger));
    }

    [Fact]
    public async Task An_operator_sees_every_run()
    {
        var (_, runId, _) = await WaitingRunAsync();
        using var operatorClient = await App.HumanClientAsync(Unique("oncall"), "operators");

        using var run = await operatorClient.GetAsync($"/api/runs/{runId}");

        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Contains(runId, await ListedAsync(operatorClient));
    }

    [Fact]
    public async Task Another_agent_does_not_see_the_run()
    {
        var (_, runId, _) = await WaitingRunAsync();
        using var other = await App.AgentClientAsync(Unique("other"));

        using var run = await other.GetAsync($"/api/runs/{runId}");

        Assert.Equal(HttpStatusCode.NotFound, run.StatusCode);
    }

    [Fact]
    public async Task The_run_stream_sends_each_change_and_ends_when_the_run_finishes()
    {
        var (agent, runId, gateId) = await WaitingRunAsync();
        using var approver = await App.HumanClientAsync(Unique("owner"), "data-owners");
        using var stream = await agent.GetAsync($"/api/runs/{runId}/stream", HttpCompletionOption.ResponseHeadersRead);
        var events = new SseReader(await stream.Content.ReadAsStreamAsync());

        var first = await events.NextAsync();
        (await approver.PostAsJsonAsync($"/api/approvals/{gateId}/decisions", new { decision = "approve" })).EnsureSuccessStatusCode();
        var seen = new List<SseEvent> { first };
        while (seen[^1].Event != "end") seen.Add(await events.NextAsync());

        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType!.MediaType);
        Assert.Equal("waiting", JsonNode.Parse(first.Data)!["status"]!.GetValue<string>());
        Assert.Equal("succeeded", JsonNode.Parse(seen.Last(e => e.Event == "run").Data)!["status"]!.GetValue<string>());
        Assert.Equal(seen.Count(e => e.Event == "run"), seen.Where(e => e.Event == "run").Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_stream_resumed_with_Last_Event_ID_sends_nothing_already_seen()
    {
        var (agent, runId, gateId) = await WaitingRunAsync();
        using var approver = await App.HumanClientAsync(Unique("owner"), "data-owners");
        string lastId;
        using (var first = await agent.GetAsync($"/api/runs/{runId}/stream", HttpCompletionOption.ResponseHeadersRead))
            lastId = (await new SseReader(await first.Content.ReadAsStreamAsync()).NextAsync()).Id!;

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/runs/{runId}/stream");
        request.Headers.Add("Last-Event-ID", lastId);
        using var resumed = await agent.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var events = new SseReader(await resumed.Content.ReadAsStreamAsync());
        var early = await events.TryNextAsync(TimeSpan.FromSeconds(1.5));
        (await approver.PostAsJsonAsync($"/api/approvals/{gateId}/decisions", new { decision = "approve" })).EnsureSuccessStatusCode();
        var next = await events.NextAsync();

        Assert.Null(early);
        Assert.NotEqual(lastId, next.Id);
    }

    [Fact]
    public async Task The_list_stream_tells_of_a_run_the_caller_may_see_and_not_of_others()
    {
        var agent = await App.AgentClientAsync(Unique("agent"));
        using var stranger = await App.HumanClientAsync(Unique("sales"), "sales");
        using var mine = await agent.GetAsync("/api/runs/stream", HttpCompletionOption.ResponseHeadersRead);
        using var theirs = await stranger.GetAsync("/api/runs/stream", HttpCompletionOption.ResponseHeadersRead);
        var myEvents = new SseReader(await mine.Content.ReadAsStreamAsync());
        var theirEvents = new SseReader(await theirs.Content.ReadAsStreamAsync());

        var runId = await agent.StartAsync("export");
        var seen = await myEvents.NextAsync();
        while (!seen.Data.Contains(runId, StringComparison.Ordinal)) seen = await myEvents.NextAsync();
        var strangers = await theirEvents.TryNextAsync(TimeSpan.FromSeconds(2.5));

        Assert.Equal("runs", seen.Event);
        Assert.True(strangers is null || !strangers.Data.Contains(runId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_runs_audit_trail_is_read_by_who_may_see_the_run_and_by_auditors_only()
    {
        var (agent, runId, _) = await WaitingRunAsync();
        using var auditor = await App.HumanClientAsync(Unique("audit"), "auditors");
        using var stranger = await App.HumanClientAsync(Unique("sales"), "sales");

        var trail = JsonNode.Parse(await agent.GetStringAsync($"/api/runs/{runId}/audit"))!["events"]!.AsArray();
        using var asAuditor = await auditor.GetAsync($"/api/runs/{runId}/audit");
        using var asStranger = await stranger.GetAsync($"/api/runs/{runId}/audit");

        Assert.Equal(["run.started", "approval.requested"], trail.Select(e => e!["kind"]!.GetValue<string>()).Where(k => k is "run.started" or "approval.requested"));
        Assert.Equal(HttpStatusCode.OK, asAuditor.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, asStranger.StatusCode);
    }

    [Fact]
    public async Task A_runbooks_versions_list_the_versions_its_runs_were_pinned_to()
    {
        var (agent, _, _) = await WaitingRunAsync();

        var versions = JsonNode.Parse(await agent.GetStringAsync("/api/runbooks/export/versions"))!;

        Assert.Equal(1, versions["current"]!.GetValue<int>());
        var first = versions["versions"]!.AsArray().Single()!;
        Assert.Equal(1, first["version"]!.GetValue<int>());
        Assert.True(first["runs"]!.GetValue<int>() >= 1);
    }

    [Fact]
    public async Task Someone_who_may_not_see_the_run_gets_no_stream()
    {
        var (_, runId, _) = await WaitingRunAsync();
        using var stranger = await App.HumanClientAsync(Unique("sales"), "sales");

        using var stream = await stranger.GetAsync($"/api/runs/{runId}/stream", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.NotFound, stream.StatusCode);
        Assert.Equal("application/problem+json", stream.Content.Headers.ContentType!.MediaType);
    }
}

/// <summary>One Server-Sent Event.</summary>
public sealed record SseEvent(string? Id, string Event, string Data);

/// <summary>Reads Server-Sent Events (id, event, data lines; comments and retry skipped) from a response stream.</summary>
public sealed class SseReader(Stream stream)
{
    private readonly StreamReader _reader = new(stream);
    private Task<SseEvent?>? _pending;

    public async Task<SseEvent> NextAsync(int timeoutSeconds = 20) =>
        await TryNextAsync(TimeSpan.FromSeconds(timeoutSeconds)) ?? throw new TimeoutException("no event arrived");

    /// <summary>The next event, or null if none arrives within <paramref name="wait"/> (a later call still gets it).</summary>
    public async Task<SseEvent?> TryNextAsync(TimeSpan wait)
    {
        _pending ??= ReadAsync();
        if (await Task.WhenAny(_pending, Task.Delay(wait)) != _pending) return null;
        var result = await _pending;
        _pending = null;
        return result;
    }

    private async Task<SseEvent?> ReadAsync()
    {
        string? id = null, name = null;
        var data = new List<string>();
        while (await _reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0 || name is not null) return new SseEvent(id, name ?? "message", string.Join("\n", data));
                continue;
            }
            if (line.StartsWith(':')) continue;
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": name = value; break;
                case "data": data.Add(value); break;
            }
        }
        return null;
    }
}
