namespace RunbookOrchestrator.Activities.Flow;

/// <summary><c>fail</c>: ends the step with a non-retryable fault carrying the given message.</summary>
public sealed class FailActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(
        "fail",
        "Fails the step with the given message.",
        [new ActivityParameter("message", "string", true, "Why the run fails")],
        [Outcomes.Failed],
        EffectFree: true,
        Category: ActivityCategories.ControlFlow);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        string message;
        try
        {
            message = new ParameterReader(context.Parameters).RequiredString("message");
        }
        catch (ParameterException ex)
        {
            message = ex.Message;
        }
        return ValueTask.FromResult(ActivityResult.Fail(message));
    }
}
