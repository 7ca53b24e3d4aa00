using System.Globalization;

namespace RunbookOrchestrator.Activities.Flow;

/// <summary><c>delay</c>: parks the run on a timer bookmark until a duration has passed or an instant is reached.</summary>
public sealed class DelayActivity : IResumableActivity
{
    public ActivityDescriptor Descriptor { get; } = new(
        "delay",
        "Waits for a duration or until an instant (exactly one of them).",
        [
            new ActivityParameter("duration", "duration", false, "How long to wait, e.g. 10m"),
            new ActivityParameter("until", "string", false, "ISO 8601 instant to wait for, e.g. 2026-01-01T09:00:00Z"),
        ],
        [Outcomes.Done],
        Category: ActivityCategories.ControlFlow);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        try
        {
            var reader = new ParameterReader(context.Parameters);
            var now = context.Clock.GetUtcNow();
            var resumeAt = (reader.Has("duration"), reader.Has("until")) switch
            {
                (true, true) => throw new ParameterException("duration", "give either 'duration' or 'until', not both"),
                (false, false) => throw new ParameterException("duration", "parameter 'duration' or 'until' is required"),
                (true, false) => now + reader.Duration("duration", TimeSpan.Zero),
                _ => ParseInstant(reader.RequiredString("until")),
            };
            return ValueTask.FromResult(resumeAt <= now ? ActivityResult.Done() : ActivityResult.Wait(new Bookmark(null, resumeAt)));
        }
        catch (ParameterException ex)
        {
            return ValueTask.FromResult(ActivityResult.Fail(ex.Message));
        }
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, ResumeSignal signal, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ActivityResult.Done());

    private static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : throw new ParameterException("until", $"parameter 'until' must be an ISO 8601 instant such as 2026-01-01T09:00:00Z (got '{text}')");
}
