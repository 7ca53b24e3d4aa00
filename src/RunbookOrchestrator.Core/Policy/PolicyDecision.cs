using RunbookOrchestrator.Approvals;

namespace RunbookOrchestrator.Policy;

/// <summary>What policy says about one action: run it, ask a human first, or refuse.</summary>
public abstract record PolicyDecision(string? RuleId)
{
    /// <summary>Run the step. <see cref="PolicyDecision.RuleId"/> is null when no rule matched an unprivileged step.</summary>
    public sealed record Allow(string? Rule) : PolicyDecision(Rule);

    /// <summary>Pause for a human decision under <see cref="Gate"/>.</summary>
    public sealed record RequireApproval(string Rule, GateSpec Gate) : PolicyDecision(Rule);

    /// <summary>Refuse the step; <see cref="Message"/> is shown to the requester.</summary>
    public sealed record Deny(string Rule, string Message) : PolicyDecision(Rule);
}
