namespace RunbookOrchestrator.Approvals.Review;

/// <summary>Why a reveal is refused, beyond the rules every decision follows (<see cref="DecisionRules"/>).</summary>
public static class RevealRefusals
{
    public static DecisionRefusal Forbidden => new("reveal-forbidden", "This gate does not allow reveals (allow_reveal: false); decide on the masked values or ask the requester.");
    public static DecisionRefusal Unavailable => new("reveal-unavailable", "This gate kept no values to reveal.");
    public static DecisionRefusal JustificationRequired => new("justification-required", "A justification is required to reveal a value: say why you need it to decide.");

    /// <summary>Null when <paramref name="reviewer"/> may reveal a value of <paramref name="gate"/>: the same people who may decide it, while it is pending, when the gate allows it.</summary>
    public static DecisionRefusal? WhyNot(ApprovalGateData gate, Reviewer reviewer)
    {
        if (DecisionRules.WhyNot(gate, reviewer) is { } refusal) return refusal;
        if (!GateKeeper.Spec(gate).AllowReveal) return Forbidden;
        return gate.RevealVault is null ? Unavailable : null;
    }
}
