namespace RunbookOrchestrator.Activities;

/// <summary>One kind of step. Adding an activity is one class implementing this plus one registration.</summary>
public interface IActivity
{
    ActivityDescriptor Descriptor { get; }

    /// <summary>Runs the step once. Must be safe to run again with the same idempotency key (delivery is at-least-once).</summary>
    ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken);
}

/// <summary>An activity that can suspend on a bookmark and later be resumed with a payload.</summary>
public interface IResumableActivity : IActivity
{
    ValueTask<ActivityResult> ResumeAsync(ActivityContext context, ResumeSignal signal, CancellationToken cancellationToken);
}
