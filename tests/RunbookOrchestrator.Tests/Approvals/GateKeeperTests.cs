using System.Text.Json.Nodes;
using Bogus;
using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Runtime.State;

namespace RunbookOrchestrator.Tests.Approvals;

/// <summary>The gate keeper on the real server's services: an approval binds to one exact action and one window of time.</summary>
public sealed class GateKeeperTests(ApprovalFlowFixture fixture) : IClassFixture<ApprovalFlowFixture>
{
    private readonly Faker _faker = new();

    private GateRequest Request(StepExecutionData execution, JsonObject action, TimeSpan window)
    {
        var runbook = new RunbookDefinition("export", 1, null, null, ["data-owners"], [], [], null);
        var step = new StepDefinition("export", "sql.query", new JsonObject(), null, new Dictionary<string, string>(), "data-export", null, null, null);
        var run = new RunData
        {
            Id = execution.RunId, RunbookId = "export", DefinitionHash = "h", RequesterKind = "Agent", RequesterName = _faker.Internet.UserName(),
            RequesterOwner = _faker.Internet.UserName(), InputsJson = "{}", StateJson = "{}",
        };
        var spec = new GateSpec(["group:data-owners"], 1, TimeSpan.FromHours(1), [], "timed_out", null, ReasonRequirement.OnReject, window, true);
        return new GateRequest(run, runbook, step, execution, spec, "policy", "exports", action, new JsonObject());
    }

    private static StepExecutionData Execution() =>
        new() { Id = Guid.NewGuid().ToString("N"), RunId = Guid.NewGuid().ToString("N"), StepId = "export", Attempt = 1 };

    private static JsonObject Action(int rows) => new() { ["activity"] = "sql.query", ["parameters"] = new JsonObject { ["max_rows"] = rows } };

    private async Task ApproveAsync(string gateId)
    {
        var store = fixture.App.Services.GetRequiredService<IApprovalStore>();
        var result = await store.DecideAsync(gateId, new Reviewer("human", _faker.Internet.UserName(), ["data-owners"]), Decisions.Approve, null, "api", null,
            DateTimeOffset.UtcNow, default);
        Assert.True(result.Settled);
    }

    [Fact]
    public async Task An_approval_does_not_carry_over_to_changed_parameters()
    {
        var keeper = fixture.App.Services.GetRequiredService<GateKeeper>();
        var execution = Execution();
        var first = Assert.IsType<GateVerdict.Wait>(await keeper.RequireAsync(Request(execution, Action(10), TimeSpan.FromMinutes(15)), default));
        await ApproveAsync(first.Bookmark.State!["gate_id"]!.GetValue<string>());

        var same = await keeper.RequireAsync(Request(execution, Action(10), TimeSpan.FromMinutes(15)), default);
        var changed = await keeper.RequireAsync(Request(execution, Action(10_000), TimeSpan.FromMinutes(15)), default);

        Assert.IsType<GateVerdict.Proceed>(same);
        var wait = Assert.IsType<GateVerdict.Wait>(changed);
        Assert.NotEqual(first.Bookmark.EventName, wait.Bookmark.EventName);
    }

    [Fact]
    public async Task An_approved_action_that_does_not_start_within_its_window_expires()
    {
        var keeper = fixture.App.Services.GetRequiredService<GateKeeper>();
        var execution = Execution();
        var request = Request(execution, Action(5), TimeSpan.FromMilliseconds(200));
        var wait = Assert.IsType<GateVerdict.Wait>(await keeper.RequireAsync(request, default));
        await ApproveAsync(wait.Bookmark.State!["gate_id"]!.GetValue<string>());

        await Task.Delay(TimeSpan.FromMilliseconds(400));
        var late = await keeper.RequireAsync(request, default);

        var ended = Assert.IsType<GateVerdict.Ended>(late);
        Assert.Equal("expired", ended.Outcome);
        var gate = await fixture.App.Services.GetRequiredService<IApprovalStore>().FindAsync(wait.Bookmark.State!["gate_id"]!.GetValue<string>(), default);
        Assert.Equal(GateStatus.Expired, gate!.Status);
    }
}
