using System.Text.Json.Nodes;
using RunbookOrchestrator.Audit;

namespace RunbookOrchestrator.Approvals;

/// <summary>The audit record of an accepted decision, written in the transaction that records the decision itself.</summary>
public static class DecisionRecord
{
    /// <summary><c>approval.decided</c>: who, through which channel and address, why, and where the gate stands after it.</summary>
    public static AuditRecord Of(ApprovalGateData gate, Reviewer reviewer, string decision, string? reason, string channel, string? clientAddress, int approvals,
        string? reviewLinkId = null, string? channelUserId = null) =>
        new(AuditEventKinds.ApprovalDecided, reviewer.Kind, reviewer.Name, gate.RunId, gate.StepId, channel, clientAddress, reason,
            new JsonObject
            {
                ["gate_id"] = gate.Id, ["decision"] = decision, ["approvals"] = approvals, ["quorum"] = gate.Quorum,
                ["gate_status"] = gate.Status.ToString().ToLowerInvariant(), ["action_hash"] = gate.ActionHash,
            }.WithOptional("link_id", reviewLinkId).WithOptional("channel_user_id", channelUserId));

    private static JsonObject WithOptional(this JsonObject data, string name, string? value)
    {
        if (value is not null) data[name] = value;
        return data;
    }
}
