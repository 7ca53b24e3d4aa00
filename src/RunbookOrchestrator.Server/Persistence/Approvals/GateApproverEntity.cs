namespace RunbookOrchestrator.Server.Persistence.Approvals;

/// <summary>One entry of a gate's approver list (a canonical user name or <c>group:name</c>), indexed so that the approvals
/// list finds a reviewer's gates without reading anybody else's.</summary>
public sealed class GateApproverEntity
{
    public required string GateId { get; set; }
    public required string Entry { get; set; }
}
