using System.Text.Json.Nodes;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Audit;
using RunbookOrchestrator.Masking;
using RunbookOrchestrator.Runtime;

namespace RunbookOrchestrator.Server.Channels.Web;

/// <summary>A decision submitted from a review page (by link or signed in): read from the form, decided by the same rules as the
/// API (eligibility re-checked now, self-approval, quorum, reason), refusals audited, and the page shown again with the result.</summary>
public sealed class PageDecision(IApprovalStore store, RunDispatcher dispatcher, IAuditTrail audit, IMasker masker, TimeProvider clock)
{
    private const int MaxReasonLength = 2000;

    public async Task<IResult> DecideAsync(HttpContext context, ApprovalGateData gate, Reviewer reviewer, string channel, string? linkId,
        string formAction, string publicBaseUrl)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var decision = form["decision"].ToString();
        var reason = form["reason"].ToString().Trim();
        if (decision is not (Decisions.Approve or Decisions.Reject))
            return await ShowAsync(context, gate, StatusCodes.Status400BadRequest, formAction, publicBaseUrl, "Choose Approve or Reject.", true);
        if (reason.Length > MaxReasonLength)
            return await ShowAsync(context, gate, StatusCodes.Status400BadRequest, formAction, publicBaseUrl, $"The reason is longer than {MaxReasonLength} characters.", true);
        var masked = reason.Length == 0 ? null : masker.MaskText(reason).Text;
        var client = context.Connection.RemoteIpAddress?.ToString();

        var result = await store.DecideAsync(gate.Id, reviewer, decision, masked, channel, client, clock.GetUtcNow(), context.RequestAborted, linkId);
        if (result.Refusal is { } refusal)
        {
            await audit.AppendAsync([new AuditRecord(AuditEventKinds.ApprovalDecisionRefused, reviewer.Kind, reviewer.Name, gate.RunId, gate.StepId, channel, client, masked,
                new JsonObject { ["gate_id"] = gate.Id, ["decision"] = decision, ["refusal"] = refusal.Code, ["link_id"] = linkId })], context.RequestAborted);
            var status = refusal.Code switch
            {
                "already-decided" or "already-decided-by-you" or "busy" or "link-used" => StatusCodes.Status409Conflict,
                "reason-required" => StatusCodes.Status400BadRequest,
                "not-found" => StatusCodes.Status404NotFound,
                _ => StatusCodes.Status403Forbidden,
            };
            return await ShowAsync(context, result.Gate ?? gate, status, refusal.Code == "reason-required" ? formAction : null, publicBaseUrl, refusal.Message, true);
        }
        if (result.Settled) dispatcher.Continue(gate.RunId, result.Claimed);
        var done = decision == Decisions.Approve
            ? result.Settled ? "Approved. The run continues." : $"Your approval is recorded ({result.Approvals} of {gate.Quorum})."
            : "Rejected. The run will not perform the action.";
        return await ShowAsync(context, result.Gate!, StatusCodes.Status200OK, null, publicBaseUrl, done, false);
    }

    public async Task<IResult> ShowAsync(HttpContext context, ApprovalGateData gate, int status, string? formAction, string publicBaseUrl, string? notice, bool isError,
        string? cannotDecide = null)
    {
        var decisions = await store.DecisionsAsync(gate.Id, context.RequestAborted);
        return ReviewPage.Render(context, status, ReviewView.Of(gate, decisions, publicBaseUrl, clock.GetUtcNow()), formAction, notice, isError, cannotDecide);
    }
}
