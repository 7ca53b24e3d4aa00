namespace RunbookOrchestrator.Approvals;

/// <summary>Tells reviewers about a gate on their channels. Called again for the same event after a crash or a re-executed
/// step, so an implementation must send each message once however often it is called.</summary>
public interface IReviewNotifier
{
    Task NotifyAsync(ApprovalGateData gate, ReviewEvent what, CancellationToken cancellationToken);

    /// <summary>The messages <see cref="NotifyAsync"/> would queue for <paramref name="what"/>, queued by nobody: a gate that opens
    /// has them written in its own transaction (<see cref="IApprovalStore.CreateOrGetAsync"/>), one commit instead of two.</summary>
    Task<IReadOnlyList<ReviewMessage>> PlanAsync(ApprovalGateData gate, ReviewEvent what, CancellationToken cancellationToken);
}

/// <summary>What happened to a gate that reviewers should hear about.</summary>
public enum ReviewEvent
{
    /// <summary>The gate opened: the review goes to its approvers.</summary>
    Requested,

    /// <summary>An escalation stage was reached: the added approvers get the review, the others a reminder when the stage says so.</summary>
    Escalated,

    /// <summary>The gate ended (decided, timed out, cancelled): posted copies are updated.</summary>
    Ended,
}
