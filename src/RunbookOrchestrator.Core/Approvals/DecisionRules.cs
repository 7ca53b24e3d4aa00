using System.Text.Json;
using RunbookOrchestrator.Identity.Humans;

namespace RunbookOrchestrator.Approvals;

/// <summary>The rules no runbook or policy can switch off: only listed humans decide, never the requester,
/// never the owner of the requesting agent, never an agent, and only while the gate is pending.</summary>
public static class DecisionRules
{
    /// <summary>Null when <paramref name="reviewer"/> may decide <paramref name="gate"/> now; otherwise why not.</summary>
    public static DecisionRefusal? WhyNot(ApprovalGateData gate, Reviewer reviewer)
    {
        if (!reviewer.IsHuman) return DecisionRefusal.NotHuman;
        if (gate.Status != GateStatus.Pending) return DecisionRefusal.AlreadyDecided(gate.Status);
        if (gate.RequesterKind.Equals("human", StringComparison.OrdinalIgnoreCase) && Same(gate.RequesterName, reviewer.Name))
            return DecisionRefusal.SelfApproval;
        if (gate.RequesterOwner is { } owner && Same(owner, reviewer.Name)) return DecisionRefusal.OwnerOfAgent(gate.RequesterName);
        if (!IsListed(Approvers(gate), reviewer)) return DecisionRefusal.NotAnApprover;
        return null;
    }

    public static IReadOnlyList<string> Approvers(ApprovalGateData gate) =>
        JsonSerializer.Deserialize<List<string>>(gate.ApproversJson) ?? [];

    public static bool IsListed(IEnumerable<string> approvers, Reviewer reviewer) =>
        approvers.Any(entry => entry.StartsWith("group:", StringComparison.Ordinal)
            ? reviewer.Groups.Any(g => HumanNames.Same(g, entry["group:".Length..]))
            : Same(entry, reviewer.Name));

    public static bool ReasonMissing(GateSpec spec, string decision, string? reason) =>
        string.IsNullOrWhiteSpace(reason) && spec.RequireReason switch
        {
            ReasonRequirement.Always => true,
            ReasonRequirement.OnReject => decision == Decisions.Reject,
            _ => false,
        };

    // Canonical comparison on both sides: stored names are canonical already, but a row written before the rule, or a
    // runbook listing "Alice", must not open a way around self-approval.
    private static bool Same(string a, string b) => HumanNames.Same(a, b);
}

/// <summary>The two decisions a reviewer can make.</summary>
public static class Decisions
{
    public const string Approve = "approve";
    public const string Reject = "reject";
}
