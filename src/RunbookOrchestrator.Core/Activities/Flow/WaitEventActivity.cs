namespace RunbookOrchestrator.Activities.Flow;

/// <summary><c>wait.event</c>: parks the run until a named event is posted to it, or until an optional timeout.</summary>
public sealed class WaitEventActivity : IResumableActivity
{
    public ActivityDescriptor Descriptor { get; } = new(
        "wait.event",
        "Waits for a named event posted to the run; the event payload becomes the output.",
        [
            new ActivityParameter("event", "string", true, "Event name, posted to /api/runs/{id}/events/{name}"),
            new ActivityParameter("timeout", "duration", false, "Give up after this long with outcome timed_out"),
        ],
        [Outcomes.Done, Outcomes.TimedOut],
        Category: ActivityCategories.ControlFlow);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        try
        {
            var reader = new ParameterReader(context.Parameters);
            var name = reader.RequiredString("event");
            var timeout = reader.OptionalDuration("timeout");
            DateTimeOffset? resumeAt = timeout is { } t ? context.Clock.GetUtcNow() + t : null;
            return ValueTask.FromResult(ActivityResult.Wait(new Bookmark(name, resumeAt)));
        }
        catch (ParameterException ex)
        {
            return ValueTask.FromResult(ActivityResult.Fail(ex.Message));
        }
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, ResumeSignal signal, CancellationToken cancellationToken) =>
        ValueTask.FromResult(signal.Reason switch
        {
            "event" => ActivityResult.Done(signal.Payload?.DeepClone()),
            "timer" => ActivityResult.Outcome(Outcomes.TimedOut),
            _ => ActivityResult.Fail($"wait.event cannot be resumed by '{signal.Reason}'"),
        });
}
