namespace RunbookOrchestrator.Approvals;

/// <summary>How a human decision is asked for: by whom, how many, how long, and what happens when nobody answers.
/// The same spec comes from an explicit <c>approval</c> step or from a policy rule.</summary>
/// <param name="Approvers">User names and <c>group:name</c> entries; only these people count.</param>
/// <param name="Quorum">Distinct people who must approve.</param>
/// <param name="Timeout">After this, the gate ends with <see cref="OnTimeout"/>; null waits for ever.</param>
/// <param name="Escalations">Stages reached in order while the gate is pending: remind and widen the approvers.</param>
/// <param name="OnTimeout"><c>timed_out</c> (default), <c>rejected</c>, or <c>approved</c> only when a runbook says so explicitly.</param>
/// <param name="ContextTemplate">Template text (Scriban) reviewers see (masked before it leaves).</param>
/// <param name="Window">After approval, the action must start within this time or the approval expires.</param>
/// <param name="Channels">Where the review goes (<c>email</c>, <c>slack</c>, <c>teams</c>); null uses <c>Channels:Default</c>.</param>
/// <param name="RequireSignIn">Reviewers arriving by link must sign in first; null: yes for privileged actions.</param>
public sealed record GateSpec(
    IReadOnlyList<string> Approvers,
    int Quorum,
    TimeSpan? Timeout,
    IReadOnlyList<EscalationStage> Escalations,
    string OnTimeout,
    string? ContextTemplate,
    ReasonRequirement RequireReason,
    TimeSpan Window,
    bool AllowReveal,
    // Left out of the stored spec when unset, so gates opened before these fields keep their action hash (and their id).
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<string>? Channels = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    bool? RequireSignIn = null);

/// <summary>The reviewer channels a gate may name.</summary>
public static class ReviewChannels
{
    public const string Email = "email";
    public const string Slack = "slack";
    public const string Teams = "teams";

    public static readonly IReadOnlyList<string> All = [Email, Slack, Teams];
}

/// <summary>One escalation step: after <see cref="After"/> from the request, remind the current approvers and add <see cref="AddApprovers"/>.</summary>
public sealed record EscalationStage(TimeSpan After, IReadOnlyList<string> AddApprovers, bool Remind = true);

/// <summary>When a reviewer must give a reason.</summary>
public enum ReasonRequirement
{
    OnReject,
    Always,
    Never,
}
