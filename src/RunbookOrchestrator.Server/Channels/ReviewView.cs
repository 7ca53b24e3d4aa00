using System.Text.Json.Nodes;
using RunbookOrchestrator.Activities;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Definitions;

namespace RunbookOrchestrator.Server.Channels;

/// <summary>What every channel shows about a gate, as the scope of the review templates: requester, action and target, rule,
/// the requester's own (unverified) reason, the masked context and export summary, quorum progress, the deadline and what
/// happens then. Everything in it is masked already (the gate keeps only masked values); templates escape it for their target.</summary>
public static class ReviewView
{
    public static JsonObject Of(ApprovalGateData gate, IReadOnlyList<ApprovalDecisionData> decisions, string publicBaseUrl, DateTimeOffset now)
    {
        var spec = GateKeeper.Spec(gate);
        var action = JsonNode.Parse(gate.ActionJson) as JsonObject ?? new JsonObject();
        var review = gate.ReviewJson is { } json ? JsonNode.Parse(json) as JsonObject ?? new JsonObject() : new JsonObject();
        var approvedBy = decisions.Where(d => d.Decision == Decisions.Approve).Select(d => (JsonNode?)d.Approver).ToArray();
        return new JsonObject
        {
            ["gate_id"] = gate.Id,
            ["run_id"] = gate.RunId,
            ["status"] = gate.Status.ToString().ToLowerInvariant().Replace("timedout", "timed_out", StringComparison.Ordinal),
            ["pending"] = gate.Status == GateStatus.Pending,
            ["requester"] = new JsonObject { ["kind"] = gate.RequesterKind, ["name"] = gate.RequesterName, ["owner"] = gate.RequesterOwner },
            ["runbook"] = action["runbook"]?.DeepClone(),
            ["step"] = gate.StepId,
            ["activity"] = action["activity"]?.DeepClone(),
            ["privileged"] = action["privileged"]?.DeepClone(),
            ["target"] = action["target"]?.DeepClone(),
            ["parameters"] = action["parameters"]?.DeepClone() ?? new JsonObject(),
            ["rule"] = gate.RuleId ?? (gate.Source == "policy" ? "policy" : "the runbook's approval step"),
            ["reason"] = gate.Reason,
            ["context"] = gate.ContextText,
            ["export_summary"] = review["export_summary"]?.DeepClone(),
            ["quorum"] = gate.Quorum,
            ["approvals"] = approvedBy.Length,
            ["approved_by"] = new JsonArray(approvedBy),
            ["decided_by"] = gate.DecidedBy,
            ["decided_at"] = gate.DecidedAt?.ToString("yyyy-MM-dd HH:mm 'UTC'"),
            ["decision_reason"] = gate.DecisionReason,
            ["deadline"] = gate.Deadline?.ToString("yyyy-MM-dd HH:mm 'UTC'"),
            ["time_left"] = gate.Deadline is { } d && d > now ? DurationText.Format(TimeSpan.FromMinutes(Math.Ceiling((d - now).TotalMinutes))) : null,
            ["at_deadline"] = spec.OnTimeout switch
            {
                Outcomes.Approved => "the action is approved automatically (this gate allows it)",
                Outcomes.Rejected => "the request is rejected",
                _ => "the request times out and the action does not run",
            },
            ["web_url"] = $"{publicBaseUrl}/approvals/{Uri.EscapeDataString(gate.Id)}",
        };
    }
}
