using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Definitions;

namespace RunbookOrchestrator.Policy;

/// <summary>The runbook's owners as approvers. A plain owner name is a team, so it becomes <c>group:name</c>;
/// <c>user:alice</c> names one person (<c>alice</c>); <c>group:x</c> is kept as written.</summary>
public static class OwnersGate
{
    public static IReadOnlyList<string> Approvers(RunbookDefinition runbook) =>
        runbook.Owners.Where(o => !string.IsNullOrWhiteSpace(o)).Select(ToApprover).Distinct(StringComparer.Ordinal).ToList();

    private static string ToApprover(string owner) =>
        owner.StartsWith("group:", StringComparison.Ordinal) ? owner
        : owner.StartsWith("user:", StringComparison.Ordinal) ? owner["user:".Length..]
        : "group:" + owner;

    /// <summary>The fail-safe gate: the defaults of a <c>require_approval</c> block, asked of the owners.</summary>
    public static GateSpec For(RunbookDefinition runbook, string? context = null) =>
        GateReading.Defaults with { Approvers = Approvers(runbook), ContextTemplate = context };
}
