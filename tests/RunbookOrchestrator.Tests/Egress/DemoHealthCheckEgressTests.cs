using System.Text.Json.Nodes;
using RunbookOrchestrator.Tests.Hosting;
using RunbookOrchestrator.Tests.Process;
using RunbookOrchestrator.Tests.Runtime;

namespace RunbookOrchestrator.Tests.Egress;

/// <summary>The demo health-check, as shipped, cannot be used to reach internal addresses or to read what a URL serves.</summary>
public sealed class DemoHealthCheckEgressTests
{
    private static readonly string HealthCheck = File.ReadAllText(Path.Combine(ServerProcess.RepositoryRoot(), "runbooks", "health-check.yaml"));

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/iam/security-credentials/")]
    [InlineData("http://[::ffff:169.254.169.254]/")]
    [InlineData("http://10.0.0.5:8500/v1/kv/")]
    public async Task Health_check_of_an_internal_target_is_refused_by_the_egress_policy(string target)
    {
        using var app = new OrchestratorApp(("health-check.yaml", HealthCheck));
        var agent = await app.AgentClientAsync("prober");

        var run = await agent.WaitForEndAsync(await agent.StartAsync("health-check", new { target }));

        var probe = run.Executions("probe");
        Assert.All(probe, attempt => Assert.Contains("egress refused", attempt.Str("error")));
        Assert.Null(run["outputs"]!["probe"]);
    }

    [Fact]
    public async Task Health_check_keeps_the_status_of_its_target_not_the_body()
    {
        await using var server = new RecordingServer();
        await server.StartAsync();
        using var app = new OrchestratorApp(("health-check.yaml", HealthCheck));
        var agent = await app.AgentClientAsync("prober");

        var run = await agent.WaitForEndAsync(await agent.StartAsync("health-check", new { target = $"{server.BaseUrl}/flaky/{Guid.NewGuid():N}" }));

        Assert.Equal("succeeded", run.Status());
        var probe = run["outputs"]!["probe"]!;
        Assert.Equal(503, probe["status"]!.GetValue<int>());
        Assert.Null(probe["body"]);
    }
}
