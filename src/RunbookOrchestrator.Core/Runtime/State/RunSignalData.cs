namespace RunbookOrchestrator.Runtime.State;

/// <summary>Something that happened to a run from outside (an event, a child's end, a cancel), queued until the run's owner consumes it.
/// Writers never touch a leased run directly: they append a signal and wake the run.</summary>
public sealed class RunSignalData
{
    public long Id { get; set; }
    public required string RunId { get; set; }
    public required string Kind { get; set; }
    public required string Name { get; set; }
    public string? PayloadJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Kinds of <see cref="RunSignalData"/>.</summary>
public static class SignalKinds
{
    public const string Event = "event";
    public const string ChildCompleted = "child";
}
