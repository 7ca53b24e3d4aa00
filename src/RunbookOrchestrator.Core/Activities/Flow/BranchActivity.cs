using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Expressions;

namespace RunbookOrchestrator.Activities.Flow;

/// <summary><c>branch</c>: evaluates a CEL condition against the run's scope; the outcome is <c>true</c> or <c>false</c>.</summary>
public sealed class BranchActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(
        "branch",
        "Takes the true or false path depending on a CEL condition.",
        [new ActivityParameter("condition", "string", true, "CEL condition, e.g. inputs.count > 10", ParameterKind.Expression)],
        [Outcomes.True, Outcomes.False],
        EffectFree: true,
        Category: ActivityCategories.ControlFlow);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        try
        {
            var condition = new ParameterReader(context.Parameters).RequiredString("condition");
            var evaluator = context.Services.GetService<IExpressionEvaluator>();
            if (evaluator is null) return ValueTask.FromResult(ActivityResult.Fail("no expression evaluator is registered"));
            var result = evaluator.EvaluateCondition(condition, context.Scope);
            return ValueTask.FromResult(ActivityResult.Outcome(result ? Outcomes.True : Outcomes.False));
        }
        catch (ParameterException ex)
        {
            return ValueTask.FromResult(ActivityResult.Fail(ex.Message));
        }
        catch (ExpressionException ex)
        {
            return ValueTask.FromResult(ActivityResult.Fail($"condition: {ex.Message}"));
        }
    }
}
