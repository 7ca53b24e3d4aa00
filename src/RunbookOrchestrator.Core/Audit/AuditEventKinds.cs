namespace RunbookOrchestrator.Audit;

/// <summary>The event kinds the orchestrator writes; <see cref="AuditRecord.Kind"/> is free text, these are the agreed names.</summary>
public static class AuditEventKinds
{
    public const string RunStarted = "run.started";
    public const string RunCompleted = "run.completed";
    public const string RunCancelled = "run.cancelled";
    public const string StepStarted = "step.started";
    public const string StepCompleted = "step.completed";
    public const string StepTimedOut = "step.timed_out";
    public const string PolicyEvaluated = "policy.evaluated";
    public const string ApprovalRequested = "approval.requested";
    public const string ApprovalReminded = "approval.reminded";
    public const string ApprovalEscalated = "approval.escalated";
    public const string ApprovalDecided = "approval.decided";
    public const string ApprovalTimedOut = "approval.timed_out";
    public const string ApprovalRevealed = "approval.revealed";
    public const string ApprovalRevealRefused = "approval.reveal_refused";
    public const string CallbackFailed = "callback.failed";
}
