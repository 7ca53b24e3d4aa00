namespace RunbookOrchestrator.Approvals;

/// <summary>Life of an approval gate. Only <see cref="Pending"/> accepts decisions; every other state is final.</summary>
public enum GateStatus
{
    Pending,
    Approved,
    Rejected,
    TimedOut,
    Expired,
    Cancelled,
}
