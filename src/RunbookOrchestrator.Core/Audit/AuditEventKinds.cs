namespace RunbookOrchestrator.Audit;

/// <summary>Every event kind the orchestrator writes, and only those: docs/audit.md documents exactly this list (a test keeps them in step).</summary>
public static class AuditEventKinds
{
    public const string RunStarted = "run.started";
    public const string RunCompleted = "run.completed";
    public const string StepStarted = "step.started";
    public const string StepCompleted = "step.completed";
    public const string StepFailed = "step.failed";
    public const string ApprovalRequested = "approval.requested";
    public const string ApprovalReminded = "approval.reminded";
    public const string ApprovalEscalated = "approval.escalated";
    public const string ApprovalDecided = "approval.decided";
    public const string ApprovalDecisionRefused = "approval.decision_refused";
    public const string ApprovalTimedOut = "approval.timed_out";
    public const string ApprovalExpired = "approval.expired";
    public const string ApprovalCancelled = "approval.cancelled";
    public const string ApprovalRevealed = "approval.revealed";
    public const string ApprovalRevealRefused = "approval.reveal_refused";
    public const string CallbackFailed = "callback.failed";
    public const string UserSignedIn = "user.signed_in";
    public const string UserSignInFailed = "user.sign_in_failed";
    public const string UserSignedOut = "user.signed_out";
    public const string ReviewLinkOpened = "review.link_opened";
    public const string ReviewDelivered = "review.delivered";
    public const string ReviewDeliveryFailed = "review.delivery_failed";
    public const string RunbookPublished = "runbook.published";

    /// <summary>All of the above.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(AuditEventKinds).GetFields()
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
}
