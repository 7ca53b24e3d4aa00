using RunbookOrchestrator.Approvals;

namespace RunbookOrchestrator.Policy;

/// <summary>What the current policy would do with each step of one runbook, for one requester.</summary>
public sealed record RunbookExplanation(string Runbook, string PolicyHash, string Environment, IReadOnlyList<StepExplanation> Steps);

/// <summary>One step's expected decision. When <see cref="DependsOnRuntimeValues"/> is true, <see cref="Decision"/> is
/// <c>depends_on_runtime_values</c>, <see cref="Rule"/> names the first rule that reads templated values, the gate or message
/// is what that rule would do, and <see cref="Otherwise"/> is the decision when none of <see cref="RuntimeRules"/> applies.</summary>
public sealed record StepExplanation(
    string StepId,
    string Activity,
    string? Privileged,
    string Decision,
    string? Rule,
    GateSummary? Gate,
    string? Message,
    bool DependsOnRuntimeValues,
    IReadOnlyList<string> RuntimeRules,
    ExplainedOutcome? Otherwise);

/// <summary>A decision in explain form: <c>allow</c>, <c>require_approval</c> or <c>deny</c>.</summary>
public sealed record ExplainedOutcome(string Decision, string? Rule, GateSummary? Gate, string? Message)
{
    public static ExplainedOutcome From(PolicyDecision decision) => decision switch
    {
        PolicyDecision.RequireApproval r => new("require_approval", r.RuleId, GateSummary.From(r.Gate), null),
        PolicyDecision.Deny d => new("deny", d.RuleId, null, d.Message),
        _ => new("allow", decision.RuleId, null, null),
    };
}

/// <summary>Who must approve, how many, and for how long, as explain shows it (durations written like <c>1h</c>).</summary>
public sealed record GateSummary(IReadOnlyList<string> Approvers, int Quorum, string? Timeout, string Window, IReadOnlyList<string> Escalations)
{
    public static GateSummary From(GateSpec gate) => new(
        gate.Approvers,
        gate.Quorum,
        gate.Timeout is { } t ? Definitions.DurationText.Format(t) : null,
        Definitions.DurationText.Format(gate.Window),
        gate.Escalations.Select(e => $"after {Definitions.DurationText.Format(e.After)}" + (e.AddApprovers.Count > 0 ? $" add {string.Join(", ", e.AddApprovers)}" : "") + (e.Remind ? " and remind" : "")).ToList());
}
