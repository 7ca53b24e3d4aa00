using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Activities.Flow;

/// <summary><c>set</c>: its <c>values</c> object becomes the step's output.</summary>
public sealed class SetActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(
        "set",
        "Publishes the given values as this step's output.",
        [new ActivityParameter("values", "object", true, "Values that become the step output")],
        [Outcomes.Done],
        EffectFree: true,
        Category: ActivityCategories.Data);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        try
        {
            var values = new ParameterReader(context.Parameters).Object("values")
                         ?? throw new ParameterException("values", "parameter 'values' is required");
            return ValueTask.FromResult(ActivityResult.Done(values.DeepClone()));
        }
        catch (ParameterException ex)
        {
            return ValueTask.FromResult(ActivityResult.Fail(ex.Message));
        }
    }
}
