namespace RunbookOrchestrator.Runtime.Callbacks;

/// <summary>How hard <see cref="CallbackSender"/> tries: retries after the first attempt, the first backoff (doubling after each), and a per-attempt timeout.</summary>
public sealed record CallbackSenderOptions
{
    public int MaxRetries { get; init; } = 3;
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
