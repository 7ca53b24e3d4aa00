using System.Text.Json.Nodes;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Templates;

/// <summary>A template that fails while a run renders it fails that step with the reason, and nothing else: the server goes on.</summary>
public sealed class TemplateErrorsAtRunTimeTests : IAsyncLifetime
{
    private readonly OrchestratorApp _app = new(("loop.yaml", """
        id: loop
        version: 1
        inputs:
          n: { type: int, required: true }
        steps:
          - id: build
            uses: set
            with: { values: { text: "{{ for i in 1..inputs.n }}x{{ end }}" } }
        """));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_loop_past_the_limit_fails_the_step_saying_so_and_the_next_run_still_works()
    {
        var agent = await _app.AgentClientAsync("loop-agent");

        var failed = await agent.WaitForEndAsync(await agent.StartAsync("loop", new { n = 20_000 }));
        var next = await agent.WaitForEndAsync(await agent.StartAsync("loop", new { n = 3 }));

        Assert.Equal("failed", failed.Status());
        Assert.True(failed.ToJsonString().Contains("10000"), failed.ToJsonString());
        Assert.Contains("line 1", failed.ToJsonString());
        Assert.Equal("succeeded", next.Status());
        Assert.Contains("\"xxx\"", next.ToJsonString());
    }
}
