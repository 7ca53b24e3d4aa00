namespace RunbookOrchestrator.Definitions;

/// <summary>How often a failed step is tried again and how long to wait between tries (exponential backoff).</summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan InitialDelay, double BackoffFactor, TimeSpan MaxDelay)
{
    public static readonly RetryPolicy None = new(1, TimeSpan.Zero, 1, TimeSpan.Zero);

    /// <summary>Delay before attempt number <paramref name="nextAttempt"/> (2 = first retry).</summary>
    public TimeSpan DelayBefore(int nextAttempt)
    {
        var factor = Math.Pow(BackoffFactor, Math.Max(0, nextAttempt - 2));
        var ms = Math.Min(InitialDelay.TotalMilliseconds * factor, MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ms);
    }
}
