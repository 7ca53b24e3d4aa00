namespace RunbookOrchestrator.Runtime.State;

/// <summary>One attempt of one step: a token that is ready, waiting on a bookmark, or finished.</summary>
public sealed class StepExecutionData
{
    public required string Id { get; set; }
    public required string RunId { get; set; }
    public required string StepId { get; set; }
    public int Attempt { get; set; }
    public StepExecutionStatus Status { get; set; }

    /// <summary>Order of creation within the run.</summary>
    public int Sequence { get; set; }

    /// <summary>Path of parallel forks this token belongs to (<c>/forkA/forkB</c>); empty at the root.</summary>
    public string ForkPath { get; set; } = "";

    /// <summary>For a ready execution: not before this time (retry backoff).</summary>
    public DateTimeOffset? DueAt { get; set; }

    public string? WaitEvent { get; set; }
    public DateTimeOffset? WaitUntil { get; set; }
    public string? BookmarkStateJson { get; set; }
    public string? Outcome { get; set; }
    public string? Error { get; set; }
    public string? OutputJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

/// <summary>Life of a step execution.</summary>
public enum StepExecutionStatus
{
    Ready,
    Waiting,
    Succeeded,
    Failed,
    Skipped,
    Cancelled,
}
