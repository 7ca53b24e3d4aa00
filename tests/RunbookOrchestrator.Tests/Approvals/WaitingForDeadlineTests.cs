using System.Text.Json.Nodes;
using RunbookOrchestrator.Tests.Hosting;
using RunbookOrchestrator.Tests.Runtime;

namespace RunbookOrchestrator.Tests.Approvals;

/// <summary>A run waiting at a gate shows its deadline as <c>until</c> and the next escalation apart, not one for the other.</summary>
public sealed class WaitingForDeadlineTests
{
    [Fact]
    public async Task Waiting_for_shows_the_deadline_as_until_and_the_next_escalation_apart()
    {
        using var app = new OrchestratorApp(
            ("policies.yaml", """
                version: 1
                rules:
                  - id: exports
                    match: { privileged: data-export }
                    effect:
                      require_approval: { approvers: [group:data-owners], timeout: 1h, escalate: [{ after: 10m, add: [group:security] }] }
                """),
            ("export.yaml", """
                id: export
                version: 1
                owners: [data-owners]
                steps:
                  - id: export
                    uses: set
                    privileged: data-export
                    with: { values: { done: true } }
                """));
        var agent = await app.AgentClientAsync("exporter");
        var before = DateTimeOffset.UtcNow;

        var runId = await agent.StartAsync("export");
        var run = await agent.WaitForAsync(runId, r => r["waiting_for"] is JsonArray { Count: > 0 });

        var wait = run["waiting_for"]![0]!;
        var until = DateTimeOffset.Parse(wait["until"]!.GetValue<string>());
        var escalation = DateTimeOffset.Parse(wait["next_escalation_at"]!.GetValue<string>());
        Assert.Equal("approval", wait["kind"]!.GetValue<string>());
        Assert.InRange(until, before.AddMinutes(59), DateTimeOffset.UtcNow.AddMinutes(61));
        Assert.InRange(escalation, before.AddMinutes(9), DateTimeOffset.UtcNow.AddMinutes(11));
    }
}
