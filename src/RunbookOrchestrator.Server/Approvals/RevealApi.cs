using RunbookOrchestrator.Server.Api.OpenApi;
using System.Security.Claims;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Approvals.Review;
using RunbookOrchestrator.Audit;
using RunbookOrchestrator.Masking;
using RunbookOrchestrator.Server.Api;

namespace RunbookOrchestrator.Server.Approvals;

/// <summary><c>POST /api/approvals/{id}/reveals</c>: one masked field, raw, for a reviewer who may decide the gate and says why.
/// The audit trail records who revealed which field and why, never the value; the answer is never cached.</summary>
internal static class RevealApi
{
    private const int MaxJustificationLength = 2000;

    public static async Task<IResult> RevealAsync(string gateId, HttpContext http, ClaimsPrincipal caller, IApprovalStore store, GateKeeper gates,
        IAuditTrail audit, IMasker masker, CancellationToken cancellationToken)
    {
        // Set first, so refusals (which name fields) are not cached either.
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";

        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, 16 * 1024, cancellationToken);
        if (problem != null) return problem;
        var obj = body!;
        foreach (var (name, _) in obj)
            if (name is not ("field" or "justification"))
                return ApiProblems.Invalid("invalid-body", [new ProblemError(JsonPointer.Of(name), $"unknown field '{name}' (expected field, justification)")]);
        if (obj["field"] is not JsonValue f || !f.TryGetValue<string>(out var field) || string.IsNullOrWhiteSpace(field))
            return ApiProblems.Invalid("invalid-body", [new ProblemError("/field",
                "'field' must name one revealable field, such as \"inputs.ticket\" (the approval lists them under reveal.fields).")]);
        string? justification = null;
        if (obj["justification"] is { } j && (j is not JsonValue jv || !jv.TryGetValue(out justification)))
            return ApiProblems.Invalid("invalid-body", [new ProblemError("/justification", "'justification' must be a string.")]);
        if (justification?.Length > MaxJustificationLength)
            return ApiProblems.Invalid("invalid-body", [new ProblemError("/justification", $"'justification' is longer than {MaxJustificationLength} characters.")]);
        // A justification may quote what it is about; it is stored masked like every reason.
        var maskedJustification = justification is null ? null : masker.MaskText(justification).Text;
        var maskedField = masker.MaskText(field).Text;

        var reviewer = caller.ToReviewer();
        var gate = await store.FindAsync(gateId, cancellationToken);
        if (gate is null || !ApprovalsApi.MayOpen(gate, reviewer)) return ApiProblems.NotFound("Approval", gateId);
        var client = http.Connection.RemoteIpAddress?.ToString();

        var refusal = RevealRefusals.WhyNot(gate, reviewer);
        if (refusal is null && string.IsNullOrWhiteSpace(justification)) refusal = RevealRefusals.JustificationRequired;
        JsonNode? value = null;
        if (refusal is null && !gates.TryReveal(gate, field, out value))
        {
            await RefusedAsync(audit, reviewer, gate, maskedField, maskedJustification, client, "unknown-field", cancellationToken);
            var fields = GateKeeper.Revealable(gate);
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "unknown-field", "Reveal refused",
                $"'{maskedField}' is not a revealable field of this approval; revealable: {(fields.Count == 0 ? "none" : string.Join(", ", fields))}.",
                new Dictionary<string, object?> { ["field"] = maskedField, ["revealable"] = fields });
        }
        if (refusal is not null)
        {
            await RefusedAsync(audit, reviewer, gate, maskedField, maskedJustification, client, refusal.Code, cancellationToken);
            var status = refusal.Code switch
            {
                "already-decided" => StatusCodes.Status409Conflict,
                "reveal-unavailable" => StatusCodes.Status409Conflict,
                "justification-required" => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status403Forbidden,
            };
            return ApiProblems.Problem(status, refusal.Code, "Reveal refused", refusal.Message);
        }

        // Recorded before the value leaves: a reveal that cannot be audited does not happen.
        await audit.AppendAsync([new AuditRecord(AuditEventKinds.ApprovalRevealed, reviewer.Kind, reviewer.Name, gate.RunId, gate.StepId, "api", client,
            maskedJustification, new JsonObject { ["gate_id"] = gate.Id, ["field"] = field })], cancellationToken);
        return Results.Json(new RevealResponse(gate.Id, field, value), ApiJson.Options);
    }

    private static Task RefusedAsync(IAuditTrail audit, Reviewer reviewer, ApprovalGateData gate, string field, string? justification, string? client,
        string code, CancellationToken cancellationToken) =>
        audit.AppendAsync([new AuditRecord(AuditEventKinds.ApprovalRevealRefused, reviewer.Kind, reviewer.Name, gate.RunId, gate.StepId, "api", client,
            justification, new JsonObject { ["gate_id"] = gate.Id, ["field"] = field, ["refusal"] = code })], cancellationToken);
}

/// <summary>The revealed value of one field, for the reviewer who asked (never stored, never logged).</summary>
internal sealed record RevealResponse(string GateId, string Field, System.Text.Json.Nodes.JsonNode? Value);
