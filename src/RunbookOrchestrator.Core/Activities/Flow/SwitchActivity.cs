using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Expressions;

namespace RunbookOrchestrator.Activities.Flow;

/// <summary><c>switch</c>: the first case (in written order) whose CEL condition holds names the outcome; none holding gives <c>default</c>.</summary>
public sealed class SwitchActivity : IActivity
{
    public const string DefaultOutcome = "default";

    public ActivityDescriptor Descriptor { get; } = new(
        "switch",
        "Takes the path of the first case whose CEL condition is true; the case names are outcomes, plus 'default'.",
        [new ActivityParameter("cases", "object", true, "Outcome name to CEL condition, tried in order", ParameterKind.Expression)],
        [DefaultOutcome],
        EffectFree: true,
        Category: ActivityCategories.ControlFlow);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Choose(context));

    private static ActivityResult Choose(ActivityContext context)
    {
        JsonObject cases;
        try
        {
            cases = new ParameterReader(context.Parameters).Object("cases")
                    ?? throw new ParameterException("cases", "parameter 'cases' is required");
        }
        catch (ParameterException ex)
        {
            return ActivityResult.Fail(ex.Message);
        }

        var evaluator = context.Services.GetService<IExpressionEvaluator>();
        if (evaluator is null) return ActivityResult.Fail("no expression evaluator is registered");

        foreach (var (name, node) in cases)
        {
            if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
                return ActivityResult.Fail($"case '{name}' must be a CEL expression string");
            try
            {
                if (evaluator.EvaluateCondition(v.GetValue<string>(), context.Scope)) return ActivityResult.Outcome(name);
            }
            catch (ExpressionException ex)
            {
                return ActivityResult.Fail($"case '{name}': {ex.Message}");
            }
        }
        return ActivityResult.Outcome(DefaultOutcome);
    }
}
