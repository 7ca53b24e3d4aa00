using System.Text.Json.Nodes;
using RunbookOrchestrator.Activities;

namespace RunbookOrchestrator.Approvals;

/// <summary>What a gate says about the step it guards right now.</summary>
public abstract record GateVerdict
{
    /// <summary>Approved for this exact action and still inside the approval window.</summary>
    public sealed record Proceed(ApprovalGateData Gate) : GateVerdict;

    /// <summary>No decision yet: park the step on this bookmark.</summary>
    public sealed record Wait(Bookmark Bookmark) : GateVerdict;

    /// <summary>The gate ended without a usable approval (<c>rejected</c>, <c>timed_out</c>, <c>expired</c>).</summary>
    public sealed record Ended(string Outcome, string Error, JsonObject Output) : GateVerdict;
}
