namespace RunbookOrchestrator.Runtime.State;

/// <summary>The durable row of one run. The engine mutates it only while it holds the run's lease.</summary>
public sealed class RunData
{
    public required string Id { get; set; }
    public required string RunbookId { get; set; }
    public int RunbookVersion { get; set; }

    /// <summary>Content hash of the definition snapshot the run is pinned to.</summary>
    public required string DefinitionHash { get; set; }

    public RunStatus Status { get; set; }
    public required string RequesterKind { get; set; }
    public required string RequesterName { get; set; }
    public string? RequesterOwner { get; set; }
    public string? Reason { get; set; }
    public required string InputsJson { get; set; }

    /// <summary>Step outputs and outcomes (<c>{"steps": {...}}</c>) plus the fork bookkeeping of parallel branches.</summary>
    public required string StateJson { get; set; }

    public string? Error { get; set; }
    public string? IdempotencyKey { get; set; }
    public string? IdempotencyFingerprint { get; set; }
    public string? CallbackUrl { get; set; }
    public string? ParentRunId { get; set; }
    public string? ParentStepId { get; set; }
    public bool CancelRequested { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Node that holds the run; null when free. A lease that has expired may be taken by any node.</summary>
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }

    /// <summary>Earliest time the run has work to do; null while it only waits on events. Dispatchers poll on it.</summary>
    public DateTimeOffset? WakeAt { get; set; }

    /// <summary>Number of step executions so far; bounds runaway loops.</summary>
    public int ExecutionCount { get; set; }

    /// <summary>Highest signal id this run has looked at; a newer one wakes it even if it was released without work.</summary>
    public long LastSignalId { get; set; }
}
