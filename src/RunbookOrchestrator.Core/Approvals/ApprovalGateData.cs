namespace RunbookOrchestrator.Approvals;

/// <summary>The durable row of one approval gate: what is asked, of whom, until when, and how it ended.</summary>
public sealed class ApprovalGateData
{
    public required string Id { get; set; }
    public required string RunId { get; set; }
    public required string StepId { get; set; }

    /// <summary>The step execution that waits on this gate; a retry with other parameters gets a new gate.</summary>
    public required string ExecutionId { get; set; }

    /// <summary><c>step</c> for an explicit approval step, <c>policy</c> for a gate a policy rule injected.</summary>
    public required string Source { get; set; }

    public string? RuleId { get; set; }

    /// <summary>SHA-256 of the exact resolved action; the approval applies to this action only.</summary>
    public required string ActionHash { get; set; }

    public GateStatus Status { get; set; }
    public required string SpecJson { get; set; }

    /// <summary>Approver entries in force (users and <c>group:x</c>), widened by escalations.</summary>
    public required string ApproversJson { get; set; }

    public int Quorum { get; set; }
    public required string RequesterKind { get; set; }
    public required string RequesterName { get; set; }
    public string? RequesterOwner { get; set; }
    public string? Reason { get; set; }

    /// <summary>What reviewers see, already masked.</summary>
    public required string ContextText { get; set; }

    /// <summary>The resolved action (activity, target, parameters), already masked.</summary>
    public required string ActionJson { get; set; }

    /// <summary>What reviewers see beyond context and action, already masked: the export summary and the fields they may reveal.</summary>
    public string? ReviewJson { get; set; }

    /// <summary>The raw values of the revealable fields, sealed with the data key; dropped when the gate leaves pending.</summary>
    public string? RevealVault { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? Deadline { get; set; }
    public int EscalationLevel { get; set; }
    public DateTimeOffset? NextEscalationAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public string? DecisionReason { get; set; }

    /// <summary>After approval: the action must start before this instant.</summary>
    public DateTimeOffset? ApprovedUntil { get; set; }

    /// <summary>Bumped on every change; decisions are compare-and-set on it.</summary>
    public int Version { get; set; }
}
