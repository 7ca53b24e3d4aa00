using System.Text.Json.Nodes;
using RunbookOrchestrator.Approvals;

namespace RunbookOrchestrator.Server.Approvals;

/// <summary>An approval as a reviewer sees it: masked context and action, who asks and why, progress, deadlines, and whether the caller may decide.</summary>
internal sealed record ApprovalResponse(
    string Id,
    string RunId,
    string StepId,
    string Source,
    string? Rule,
    string Status,
    string Context,
    JsonNode? Action,
    ApprovalRequester Requester,
    string? Reason,
    IReadOnlyList<string> Approvers,
    ApprovalProgress Progress,
    IReadOnlyList<DecisionResponse> Decisions,
    DateTimeOffset CreatedAt,
    DateTimeOffset? Deadline,
    DateTimeOffset? NextEscalationAt,
    DateTimeOffset? ApprovedUntil,
    string? DecidedBy,
    string? DecisionReason,
    bool CanDecide,
    string? WhyNot,
    string? WhyNotCode,
    JsonNode? Inputs,
    JsonNode? ExportSummary,
    RevealOptions Reveal,
    IReadOnlyList<DeliveryResponse>? Deliveries = null,
    IReadOnlyList<string>? PendingReviewers = null)
{
    public static ApprovalResponse From(ApprovalGateData g, IReadOnlyList<ApprovalDecisionData> decisions, Reviewer caller,
        IReadOnlyList<DeliveryResponse>? deliveries = null, IReadOnlyList<string>? pendingReviewers = null)
    {
        var refusal = DecisionRules.WhyNot(g, caller);
        if (refusal is null && decisions.Any(d => d.Approver == caller.Name)) refusal = DecisionRefusal.AlreadyVoted;
        return new ApprovalResponse(g.Id, g.RunId, g.StepId, g.Source, g.RuleId, g.Status.ToString().ToLowerInvariant(), g.ContextText,
            JsonNode.Parse(g.ActionJson), new ApprovalRequester(g.RequesterKind, g.RequesterName, g.RequesterOwner), g.Reason,
            DecisionRules.Approvers(g), new ApprovalProgress(decisions.Count(d => d.Decision == RunbookOrchestrator.Approvals.Decisions.Approve), g.Quorum),
            decisions.Select(d => new DecisionResponse(d.Approver, d.Decision, d.Reason, d.Channel, d.At)).ToList(),
            g.CreatedAt, g.Deadline, g.NextEscalationAt, g.ApprovedUntil, g.DecidedBy, g.DecisionReason,
            refusal is null, refusal?.Message, refusal?.Code,
            Review(g, "inputs"), Review(g, "export_summary"), RevealOptions.For(g, caller), deliveries, pendingReviewers);
    }

    private static JsonNode? Review(ApprovalGateData g, string part) =>
        g.ReviewJson is { } json ? JsonNode.Parse(json)?[part]?.DeepClone() : null;
}

/// <summary>Whether the caller may reveal single masked values of this gate, which fields, and if not, why.</summary>
internal sealed record RevealOptions(bool Allowed, IReadOnlyList<string> Fields, string? WhyNot, string? WhyNotCode)
{
    public static RevealOptions For(ApprovalGateData g, Reviewer caller)
    {
        var refusal = RunbookOrchestrator.Approvals.Review.RevealRefusals.WhyNot(g, caller);
        return new RevealOptions(refusal is null, GateKeeper.Revealable(g), refusal?.Message, refusal?.Code);
    }
}

/// <summary>Who asked for the gated action.</summary>
internal sealed record ApprovalRequester(string Kind, string Name, string? Owner);

/// <summary>Approvals so far against the quorum.</summary>
internal sealed record ApprovalProgress(int Approvals, int Quorum);

/// <summary>One review message and how its delivery went: <c>queued</c> (with retries so far), <c>sent</c>, <c>failed</c> (given up, with
/// the reason) or <c>skipped</c> (the gate ended before it left).</summary>
internal sealed record DeliveryResponse(string Id, string Channel, string Recipient, string Kind, int Stage, string Status, int Attempts,
    string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, DateTimeOffset? NextAttemptAt);

/// <summary>One recorded decision.</summary>
internal sealed record DecisionResponse(string Approver, string Decision, string? Reason, string Channel, DateTimeOffset At);
