using System.Net.Http.Json;
using Bogus;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Runtime;

[Collection(EngineCollection.Name)]
public sealed class ParallelAndChildTests(EngineFixture fixture)
{
    private readonly Faker _faker = new();
    private HttpClient Agent => fixture.Agent;

    [Fact]
    public async Task Both_parallel_branches_run_then_the_join_once_then_the_step_after_it()
    {
        var run = await Agent.WaitForEndAsync(await Agent.StartAsync("fan-all"));

        Assert.Equal("succeeded", run.Status());
        Assert.Equal("left", run["outputs"]!["left"].Str("side"));
        Assert.Equal("right", run["outputs"]!["right"].Str("side"));
        Assert.Single(run.Executions("together"));
        Assert.Single(run.Executions("after"));
        var order = run.StepIds().ToList();
        Assert.True(order.IndexOf("together") > order.IndexOf("left") && order.IndexOf("together") > order.IndexOf("right"));
    }

    [Fact]
    public async Task A_join_in_any_mode_runs_after_the_first_branch_without_waiting_for_the_other()
    {
        var id = await Agent.StartAsync("fan-any");

        var run = await Agent.WaitForAsync(id, r => r.HasSucceeded("after"));

        Assert.Equal("waiting", run.Status());
        Assert.Single(run.Executions("first_in"));
        Assert.Equal("waiting", Assert.Single(run.Executions("slow_wait")).Str("status"));
    }

    [Fact]
    public async Task A_join_in_any_mode_does_not_run_again_when_the_late_branch_arrives()
    {
        var id = await Agent.StartAsync("fan-any");
        await Agent.WaitForAsync(id, r => r.HasSucceeded("after"));

        using var late = await Agent.PostAsJsonAsync($"/api/runs/{id}/events/late", new { at = _faker.Date.Recent() });
        var run = await Agent.WaitForEndAsync(id);

        Assert.Equal("succeeded", run.Status());
        Assert.Single(run.Executions("first_in"));
        Assert.Single(run.Executions("after"));
    }

    [Fact]
    public async Task A_parent_waits_for_its_child_run_and_receives_the_childs_outputs()
    {
        var n = _faker.Random.Int(1, 1000);

        var run = await Agent.WaitForEndAsync(await Agent.StartAsync("parent-ok", new { n }));

        Assert.Equal("succeeded", run.Status());
        var call = run["outputs"]!["call_child"]!;
        Assert.Equal("succeeded", call.Str("status"));
        Assert.Equal(n, call["outputs"]!["compute"]!["received"]!.GetValue<int>());
        Assert.Equal(n, run["outputs"]!["use"]!["got"]!.GetValue<int>());
        var child = await Agent.GetRunAsync(call.Str("run_id")!);
        Assert.Equal(run.Str("id"), child.Str("parent_run_id"));
    }

    [Fact]
    public async Task A_failing_child_run_fails_the_parents_call_step()
    {
        var run = await Agent.WaitForEndAsync(await Agent.StartAsync("parent-fails"));

        Assert.Equal("failed", run.Status());
        Assert.Equal("failed", Assert.Single(run.Executions("call_child")).Str("outcome"));
        Assert.Contains("step 'call_child'", run.Str("error"));
        Assert.Contains("child broke", run.Str("error"));
    }

    [Fact]
    public async Task A_child_call_with_invalid_inputs_fails_the_parent_naming_the_input()
    {
        var before = await fixture.App.CountRunsAsync();

        var run = await Agent.WaitForEndAsync(await Agent.StartAsync("parent-bad-inputs"));

        Assert.Equal("failed", run.Status());
        Assert.Contains("step 'call_child'", run.Str("error"));
        Assert.Contains("n:", run.Str("error"));
        Assert.Equal(before + 1, await fixture.App.CountRunsAsync());
    }
}
