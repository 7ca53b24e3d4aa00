using RunbookOrchestrator.Audit;

namespace RunbookOrchestrator.Approvals;

/// <summary>Durable gates and decisions. Deciding is a compare-and-set on the gate, so concurrent decisions yield exactly one outcome.</summary>
public interface IApprovalStore
{
    /// <summary>Inserts the gate unless one exists for the same execution and action hash, which is returned instead (a re-executed step reuses its gate).
    /// A gate it inserts commits with its <paramref name="requested"/> audit record, so no gate opens unrecorded, and with the
    /// review <paramref name="messages"/> queued for delivery (<see cref="IReviewNotifier.PlanAsync"/>); an existing gate's are not queued.</summary>
    Task<(ApprovalGateData Gate, bool Created)> CreateOrGetAsync(ApprovalGateData gate, AuditRecord? requested, IReadOnlyList<ReviewMessage> messages,
        CancellationToken cancellationToken);

    Task<ApprovalGateData?> FindAsync(string gateId, CancellationToken cancellationToken);
    Task<IReadOnlyList<ApprovalDecisionData>> DecisionsAsync(string gateId, CancellationToken cancellationToken);

    /// <summary>The gates <see cref="ApprovalQuery.Viewer"/> may see that match the filters, newest first, one page at a time.</summary>
    Task<ApprovalPage> QueryAsync(ApprovalQuery query, CancellationToken cancellationToken);

    /// <summary>Records a decision with its audit record (<see cref="DecisionRecord"/>) and, when it settles the gate, moves the gate from
    /// pending to its outcome and signals the waiting run, all in one transaction: a crash leaves either all of it or none.
    /// With <paramref name="reviewLinkId"/>, the reviewer's link is used up in the same transaction (refused with <c>link-used</c> if it was already).
    /// <paramref name="channelUserId"/> is who the channel says clicked (a Slack user id), kept in the audit record.</summary>
    Task<DecisionResult> DecideAsync(string gateId, Reviewer reviewer, string decision, string? reason, string channel, string? clientAddress, DateTimeOffset now,
        CancellationToken cancellationToken, string? reviewLinkId = null, string? channelUserId = null);

    /// <summary>Moves a pending gate to <paramref name="to"/> if it is still at <paramref name="expectedVersion"/>; false when something else changed it first.</summary>
    Task<bool> TransitionAsync(string gateId, int expectedVersion, GateStatus to, DateTimeOffset now, Action<ApprovalGateData>? change, CancellationToken cancellationToken);

    /// <summary>Applies an escalation or other bookkeeping to a pending gate, compare-and-set on its version.</summary>
    Task<bool> UpdatePendingAsync(string gateId, int expectedVersion, Action<ApprovalGateData> change, CancellationToken cancellationToken);

    /// <summary>In one transaction with their audit records (one per gate, from <paramref name="record"/>): moves to timed out every pending gate
    /// whose deadline has passed and that a step execution still waits on (at most <paramref name="limit"/>, earliest first), and any of
    /// <paramref name="gateIds"/> that is pending and overdue. "Now" is read once the write lock is held. Returns the gates it timed out.</summary>
    Task<IReadOnlyList<ApprovalGateData>> TimeOutOverdueAsync(IReadOnlyCollection<string> gateIds, int limit, Func<ApprovalGateData, AuditRecord> record,
        CancellationToken cancellationToken);

    /// <summary>In one transaction with their audit records: moves to cancelled the pending gates that no step execution waits on any more
    /// (their run was cancelled, or failed on another branch), those of <paramref name="runId"/> or, when null, those overdue at
    /// <paramref name="overdueAt"/> (a run that ended just before a crash). At most <paramref name="limit"/>. Returns the gates it cancelled.</summary>
    Task<IReadOnlyList<ApprovalGateData>> CancelAbandonedAsync(string? runId, DateTimeOffset? overdueAt, int limit, Func<ApprovalGateData, AuditRecord> record,
        CancellationToken cancellationToken);

    /// <summary>The earliest deadline after <paramref name="after"/> of a pending gate, or null when none is pending with a later deadline.</summary>
    Task<DateTimeOffset?> NextDeadlineAsync(DateTimeOffset after, CancellationToken cancellationToken);
}

/// <summary>What a decision did: recorded (and maybe settled the gate), or refused with the reason. An accepted decision also
/// carries the gate's votes as committed with it, oldest first (the caller need not read them again), and, when it settled the
/// gate of a run nobody held, that run claimed for this node in the same transaction (<see cref="Runtime.RunDispatcher.Continue"/>).</summary>
public sealed record DecisionResult(ApprovalGateData? Gate, DecisionRefusal? Refusal, bool Settled, int Approvals, IReadOnlyList<ApprovalDecisionData>? Votes = null,
    Runtime.ClaimedRun? Claimed = null)
{
    public bool Accepted => Refusal is null;
}
