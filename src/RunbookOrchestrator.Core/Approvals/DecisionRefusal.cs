namespace RunbookOrchestrator.Approvals;

/// <summary>Why a reviewer may not decide a gate; the API returns it so the reviewer knows what to do.</summary>
public sealed record DecisionRefusal(string Code, string Message)
{
    public static DecisionRefusal NotHuman => new("agent-cannot-approve", "Agents cannot decide approvals; a human must.");
    public static DecisionRefusal SelfApproval => new("self-approval", "You requested this run; someone else must decide.");
    public static DecisionRefusal OwnerOfAgent(string agent) => new("owner-of-requesting-agent", $"You own the agent '{agent}' that requested this run; someone else must decide.");
    public static DecisionRefusal NotAnApprover => new("not-an-approver", "You are not one of this gate's approvers.");
    public static DecisionRefusal AlreadyDecided(GateStatus status) => new("already-decided", $"This gate is already {status.ToString().ToLowerInvariant()}; it takes no more decisions.");
    public static DecisionRefusal AlreadyVoted => new("already-decided-by-you", "You have already decided on this gate; each person counts once.");
    public static DecisionRefusal ReasonRequired => new("reason-required", "A reason is required for this decision.");
}
