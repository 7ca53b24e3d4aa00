using RunbookOrchestrator.Approvals;

namespace RunbookOrchestrator.Policy;

/// <summary>What a matching rule decides.</summary>
public abstract record RuleEffect
{
    /// <summary>Run the step.</summary>
    public sealed record Allow : RuleEffect;

    /// <summary>Refuse with <see cref="Message"/>.</summary>
    public sealed record Deny(string Message) : RuleEffect;

    /// <summary>Pause under <see cref="Gate"/>. An empty approver list stands for the runbook's owners.</summary>
    public sealed record RequireApproval(GateSpec Gate) : RuleEffect;
}
