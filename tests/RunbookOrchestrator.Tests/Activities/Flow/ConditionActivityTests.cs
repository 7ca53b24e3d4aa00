using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Activities;
using RunbookOrchestrator.Expressions;

namespace RunbookOrchestrator.Tests.Activities.Flow;

public sealed class ConditionActivityTests : IDisposable
{
    private static readonly JsonObject Scope = new()
    {
        ["inputs"] = new JsonObject { ["count"] = 12, ["env"] = "prod" },
        ["requester"] = new JsonObject { ["kind"] = "agent", ["name"] = "ops-bot" },
    };

    private readonly ActivityTestHost _host = new(extra: s => s.AddSingleton<IExpressionEvaluator, CelExpressionEvaluator>());

    public void Dispose() => _host.Dispose();

    private Task<ActivityResult> Branch(string condition) =>
        _host.RunAsync("branch", new JsonObject { ["condition"] = condition }, scope: Scope.DeepClone().AsObject());

    private Task<ActivityResult> Switch(JsonObject cases) =>
        _host.RunAsync("switch", new JsonObject { ["cases"] = cases }, scope: Scope.DeepClone().AsObject());

    [Fact]
    public async Task Branch_takes_true_when_the_condition_holds()
    {
        ResultAssert.Outcome(await Branch("inputs.count > 10 && requester.kind == 'agent'"), Outcomes.True);
    }

    [Fact]
    public async Task Branch_takes_false_when_the_condition_does_not_hold()
    {
        ResultAssert.Outcome(await Branch("inputs.env == 'staging'"), Outcomes.False);
    }

    [Fact]
    public async Task Branch_with_a_broken_condition_faults_with_the_evaluator_message()
    {
        var fault = ResultAssert.Faulted(await Branch("inputs.count >"));

        Assert.StartsWith("condition: ", fault.Error);
        Assert.False(fault.Retryable);
    }

    [Fact]
    public async Task Branch_condition_that_is_not_a_bool_faults()
    {
        var fault = ResultAssert.Faulted(await Branch("inputs.count + 1"));

        Assert.Contains("bool", fault.Error);
    }

    [Fact]
    public async Task Switch_takes_the_first_case_that_holds_in_written_order()
    {
        var result = await Switch(new JsonObject
        {
            ["small"] = "inputs.count < 5",
            ["large"] = "inputs.count >= 10",
            ["production"] = "inputs.env == 'prod'",
        });

        ResultAssert.Outcome(result, "large");
    }

    [Fact]
    public async Task Switch_takes_default_when_no_case_holds()
    {
        ResultAssert.Outcome(await Switch(new JsonObject { ["small"] = "inputs.count < 5" }), SwitchDefault);
    }

    [Fact]
    public async Task Switch_case_with_a_broken_expression_is_named_in_the_fault()
    {
        var fault = ResultAssert.Faulted(await Switch(new JsonObject { ["odd"] = "inputs.count ==" }));

        Assert.StartsWith("case 'odd': ", fault.Error);
    }

    [Fact]
    public async Task Branch_without_an_evaluator_in_the_container_faults_clearly()
    {
        using var bare = new ActivityTestHost();

        var fault = ResultAssert.Faulted(await bare.RunAsync("branch", new JsonObject { ["condition"] = "true" }));

        Assert.Equal("no expression evaluator is registered", fault.Error);
    }

    private const string SwitchDefault = RunbookOrchestrator.Activities.Flow.SwitchActivity.DefaultOutcome;
}
