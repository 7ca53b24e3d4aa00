using Bogus;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Runtime;

[Collection(EngineCollection.Name)]
public sealed class FlowTests(EngineFixture fixture)
{
    private readonly Faker _faker = new();
    private HttpClient Agent => fixture.Agent;

    [Fact]
    public async Task A_sequence_of_set_steps_succeeds_and_exposes_each_steps_output()
    {
        var name = _faker.Name.FirstName();
        var greeting = _faker.Lorem.Word();

        var run = await Agent.WaitForEndAsync(await Agent.StartAsync("sequence", new { name, greeting }));

        Assert.Equal("succeeded", run.Status());
        Assert.Equal($"{greeting} {name}", run["outputs"]!["first"].Str("message"));
        Assert.Equal(name, run["outputs"]!["first"].Str("name"));
    }

    [Fact]
    public async Task A_template_reads_the_output_of_an_earlier_step()
    {
        var name = _faker.Name.FirstName();
        var greeting = _faker.Lorem.Word();

        var run = await Agent.WaitForEndAsync(await Agent.StartAsync("sequence", new { name, greeting }));

        Assert.Equal($"{greeting} {name}", run["outputs"]!["second"].Str("copied"));
    }

    [Fact]
    public async Task An_input_left_out_takes_its_declared_default()
    {
        var name = _faker.Name.FirstName();

        var run = await Agent.WaitForEndAsync(await Agent.StartAsync("sequence", new { name }));

        Assert.Equal("hello", run["inputs"].Str("greeting"));
        Assert.Equal($"hello {name}", run["outputs"]!["first"].Str("message"));
    }

    [Fact]
    public async Task A_step_whose_when_is_false_is_skipped_and_the_run_continues()
    {
        var run = await Agent.WaitForEndAsync(await Agent.StartAsync("when-skip", new { include_optional = false }));

        Assert.Equal("succeeded", run.Status());
        var optional = Assert.Single(run.Executions("optional"));
        Assert.Equal("skipped", optional.Str("outcome"));
        Assert.Equal("skipped", optional.Str("status"));
        Assert.True(run.HasSucceeded("last"));
    }

    [Fact]
    public async Task A_step_whose_when_is_true_runs()
    {
        var run = await Agent.WaitForEndAsync(await Agent.StartAsync("when-skip", new { include_optional = true }));

        Assert.Equal("done", Assert.Single(run.Executions("optional")).Str("outcome"));
        Assert.True(run["outputs"]!["optional"]!["ran"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_true_branch_goes_to_the_step_named_for_true()
    {
        var run = await Agent.WaitForEndAsync(await Agent.StartAsync("branching", new { amount = _faker.Random.Int(101, 10_000) }));

        Assert.Equal("succeeded", run.Status());
        Assert.Equal("true", Assert.Single(run.Executions("decide")).Str("outcome"));
        Assert.Equal("big", run["outputs"]!["big"].Str("size"));
        Assert.Empty(run.Executions("small"));
    }

    [Fact]
    public async Task A_false_branch_goes_to_the_step_named_for_false()
    {
        var run = await Agent.WaitForEndAsync(await Agent.StartAsync("branching", new { amount = _faker.Random.Int(-100, 100) }));

        Assert.Equal("false", Assert.Single(run.Executions("decide")).Str("outcome"));
        Assert.Equal("small", run["outputs"]!["small"].Str("size"));
        Assert.Empty(run.Executions("big"));
    }

    [Fact]
    public async Task A_switch_takes_the_first_case_that_matches_even_when_later_ones_match_too()
    {
        var run = await Agent.WaitForEndAsync(await Agent.StartAsync("switching", new { level = _faker.Random.Int(5, 50) }));

        Assert.Equal("succeeded", run.Status());
        Assert.Equal("high", Assert.Single(run.Executions("pick")).Str("outcome"));
        Assert.Equal("high", run["outputs"]!["on_high"].Str("chose"));
        Assert.Empty(run.Executions("on_medium"));
    }

    [Fact]
    public async Task A_switch_with_no_matching_case_takes_default()
    {
        var run = await Agent.WaitForEndAsync(await Agent.StartAsync("switching", new { level = _faker.Random.Int(-50, 1) }));

        Assert.Equal("default", Assert.Single(run.Executions("pick")).Str("outcome"));
        Assert.Equal("low", run["outputs"]!["on_low"].Str("chose"));
    }
}
