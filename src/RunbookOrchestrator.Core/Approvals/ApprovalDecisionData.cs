namespace RunbookOrchestrator.Approvals;

/// <summary>One person's decision on one gate. A person counts once per gate, whatever groups or channels they came through.</summary>
public sealed class ApprovalDecisionData
{
    public long Id { get; set; }
    public required string GateId { get; set; }
    public required string Approver { get; set; }
    public required string Decision { get; set; }
    public string? Reason { get; set; }
    public required string Channel { get; set; }
    public string? ClientAddress { get; set; }
    public DateTimeOffset At { get; set; }
}
