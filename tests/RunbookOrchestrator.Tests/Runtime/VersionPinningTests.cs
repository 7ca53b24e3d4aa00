using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Runtime;

public sealed class VersionPinningTests : IAsyncLifetime
{
    private const string Version1 = """
        id: pinned
        version: 1
        title: Pinned run
        steps:
          - id: wait_go
            uses: wait.event
            with: { event: go }
          - id: finish
            uses: set
            with: { values: { version: 1 } }
        """;

    private const string Version2 = """
        id: pinned
        version: 2
        title: Pinned run
        steps:
          - id: wait_go
            uses: wait.event
            with: { event: go }
          - id: finish_v2
            uses: set
            with: { values: { version: 2 } }
        """;

    private readonly OrchestratorApp _app = new(("pinned.yaml", Version1));
    private HttpClient _agent = null!;

    public async Task InitializeAsync() => _agent = await _app.AgentClientAsync("pinning-tests");

    public async Task DisposeAsync()
    {
        _agent.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_parked_run_finishes_on_the_definition_it_started_with_after_the_runbook_changes()
    {
        var id = await _agent.StartAsync("pinned");
        await _agent.WaitForAsync(id, r => r.Status() == "waiting");

        await PublishVersion2Async();
        using var go = await _agent.PostAsJsonAsync($"/api/runs/{id}/events/go", new { });
        var run = await _agent.WaitForEndAsync(id);

        Assert.Equal("succeeded", run.Status());
        Assert.Equal(1, run["runbook"]!["version"]!.GetValue<int>());
        Assert.Equal(1, run["outputs"]!["finish"]!["version"]!.GetValue<int>());
        Assert.Empty(run.Executions("finish_v2"));
    }

    [Fact]
    public async Task A_run_started_after_the_runbook_changes_uses_the_new_version()
    {
        await PublishVersion2Async();

        var id = await _agent.StartAsync("pinned");
        await _agent.WaitForAsync(id, r => r.Status() == "waiting");
        using var go = await _agent.PostAsJsonAsync($"/api/runs/{id}/events/go", new { });
        var run = await _agent.WaitForEndAsync(id);

        Assert.Equal(2, run["runbook"]!["version"]!.GetValue<int>());
        Assert.Equal(2, run["outputs"]!["finish_v2"]!["version"]!.GetValue<int>());
        Assert.Empty(run.Executions("finish"));
    }

    private async Task PublishVersion2Async()
    {
        await File.WriteAllTextAsync(Path.Combine(_app.RunbooksDirectory, "pinned.yaml"), Version2);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var runbook = JsonNode.Parse(await _agent.GetStringAsync("/api/runbooks/pinned"))!;
            if (runbook["version"]!.GetValue<int>() == 2) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("the catalog did not pick up version 2 of 'pinned'");
    }
}
