using RunbookOrchestrator.Server.Api.OpenApi;
using RunbookOrchestrator.Identity.Humans;
using System.Security.Claims;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Audit;
using RunbookOrchestrator.Masking;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Server.Api;

namespace RunbookOrchestrator.Server.Approvals;

/// <summary>Reviewers' endpoints: pending approvals for the caller, one approval in full, and decisions.</summary>
internal static class ApprovalsApi
{
    private const int MaxReasonLength = 2000;

    public static IEndpointRouteBuilder MapApprovalsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/approvals").RequireAuthorization().WithTags("Approvals");
        group.MapGet("/", ListAsync).WithName("listApprovals").WithSummary("Approvals the caller may decide (humans) or is waiting on (agents)")
            .Produces<ApprovalListResponse>().ProducesProblems(400);
        group.MapGet("/{gateId}", GetAsync).WithName("getApproval").WithSummary("One approval: context, requester, reason, rule, quorum progress, deadlines, who may decide")
            .Produces<ApprovalResponse>().ProducesProblems(404);
        group.MapPost("/{gateId}/decisions", DecideAsync).WithName("decideApproval").WithSummary("Approve or reject, with a reason")
            .AcceptsJson<DecisionRequest, RouteHandlerBuilder>().Produces<ApprovalResponse>().ProducesProblems(400, 403, 404, 409, 413);
        group.MapPost("/{gateId}/reveals", RevealApi.RevealAsync).WithName("revealField").WithSummary("Reveal one masked field to decide, with a justification (recorded, never the value)")
            .AcceptsJson<RevealRequest, RouteHandlerBuilder>().Produces<RevealResponse>().ProducesProblems(400, 403, 404, 409, 413);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, ClaimsPrincipal caller, IApprovalStore store, CancellationToken cancellationToken,
        string? status = "pending", string? runbook = null, string? requester = null, string? limit = null, string? cursor = null,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "created_after")] string? createdAfter = null,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "created_before")] string? createdBefore = null)
    {
        GateStatus? filter = null;
        if (status is { Length: > 0 } && status != "all")
        {
            if (Enum.GetNames<GateStatus>().FirstOrDefault(n => n.Equals(status.Replace("_", ""), StringComparison.OrdinalIgnoreCase)) is not { } name)
                return ApiProblems.InvalidQuery("status", "Query parameter 'status' must be pending, approved, rejected, timed_out, expired, cancelled or all.");
            filter = Enum.Parse<GateStatus>(name);
        }
        var pageSize = 50;
        if (limit != null && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 500))
            return ApiProblems.InvalidQuery("limit", "Query parameter 'limit' must be a whole number between 1 and 500.");
        ApprovalCursor? position = null;
        if (cursor != null && (position = ApprovalCursor.TryParse(cursor)) is null)
            return ApiProblems.InvalidQuery("cursor", "Query parameter 'cursor' must be the next_cursor value of a previous page.");
        if (!TryParseInstant(createdAfter, "created_after", out var after, out var afterProblem)) return afterProblem!;
        if (!TryParseInstant(createdBefore, "created_before", out var before, out var beforeProblem)) return beforeProblem!;

        var reviewer = caller.ToReviewer();
        var page = await store.QueryAsync(new ApprovalQuery(reviewer, filter, runbook, requester is null ? null : HumanNames.Normalize(requester), after, before, pageSize, position), cancellationToken);
        var items = new List<ApprovalResponse>(page.Items.Count);
        foreach (var g in page.Items)
            items.Add(ApprovalResponse.From(g, await store.DecisionsAsync(g.Id, cancellationToken), reviewer));
        return Results.Json(new ApprovalListResponse(items, page.NextCursor?.ToString(), page.Total), ApiJson.Options);
    }

    private static bool TryParseInstant(string? text, string name, out DateTimeOffset? value, out IResult? problem)
    {
        value = null;
        problem = null;
        if (text is null) return true;
        if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }
        problem = ApiProblems.InvalidQuery(name, $"Query parameter '{name}' must be an ISO 8601 time, such as 2026-12-01T00:00:00Z.");
        return false;
    }

    private static async Task<IResult> GetAsync(string gateId, ClaimsPrincipal caller, IApprovalStore store, Channels.DeliveryLog deliveries,
        IHumanDirectory directory, CancellationToken cancellationToken)
    {
        var reviewer = caller.ToReviewer();
        var gate = await store.FindAsync(gateId, cancellationToken);
        if (gate is null || !MayOpen(gate, reviewer)) return ApiProblems.NotFound("Approval", gateId);
        var decisions = await store.DecisionsAsync(gateId, cancellationToken);
        // Who could still decide, by name: the approver entries' people, without those who decided or may not (requester, agent owner).
        IReadOnlyList<string>? pending = null;
        if (gate.Status == GateStatus.Pending && reviewer.IsHuman)
        {
            var decided = decisions.Select(d => d.Approver).ToHashSet(StringComparer.Ordinal);
            pending = (await directory.ExpandApproversAsync(DecisionRules.Approvers(gate), cancellationToken)).Users
                .Where(u => !decided.Contains(u) && DecisionRules.WhyNot(gate, new Reviewer("human", u, [])) is null or { Code: "not-an-approver" })
                .ToList();
        }
        return Results.Json(ApprovalResponse.From(gate, decisions, reviewer, await deliveries.OfGateAsync(gateId, cancellationToken), pending), ApiJson.Options);
    }

    private static async Task<IResult> DecideAsync(string gateId, HttpRequest request, ClaimsPrincipal caller, IApprovalStore store, RunDispatcher dispatcher,
        IAuditTrail audit, IMasker masker, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(request, 64 * 1024, cancellationToken);
        if (problem != null) return problem;
        var obj = body!;
        foreach (var (name, _) in obj)
            if (name is not ("decision" or "reason"))
                return ApiProblems.Invalid("invalid-body", [new ProblemError(JsonPointer.Of(name), $"unknown field '{name}' (expected decision, reason)")]);
        var decision = obj["decision"] is JsonValue d && d.TryGetValue<string>(out var ds) ? ds : null;
        if (decision is not (Decisions.Approve or Decisions.Reject))
            return ApiProblems.Invalid("invalid-body", [new ProblemError("/decision", "'decision' must be \"approve\" or \"reject\".")]);
        string? reason = null;
        if (obj["reason"] is { } r)
        {
            if (r is not JsonValue rv || !rv.TryGetValue<string>(out reason))
                return ApiProblems.Invalid("invalid-body", [new ProblemError("/reason", "'reason' must be a string.")]);
            if (reason.Length > MaxReasonLength)
                return ApiProblems.Invalid("invalid-body", [new ProblemError("/reason", $"'reason' is longer than {MaxReasonLength} characters.")]);
            reason = masker.MaskText(reason).Text;
        }

        var reviewer = caller.ToReviewer();
        // Any person may open any gate, so only an agent's gate is looked up first (it may decide only its own runs'); the
        // decision reads the gate again inside its transaction anyway.
        if (!reviewer.IsHuman && (await store.FindAsync(gateId, cancellationToken) is not { } own || !MayOpen(own, reviewer)))
            return ApiProblems.NotFound("Approval", gateId);

        var client = request.HttpContext.Connection.RemoteIpAddress?.ToString();
        // A person in the designer calls the API with a browser session: the audit says they decided on the web.
        var channel = request.HttpContext.User.Identity?.AuthenticationType == Identity.Sessions.SessionAuthentication.Scheme ? "web" : "api";
        var result = await store.DecideAsync(gateId, reviewer, decision, reason, channel, client, clock.GetUtcNow(), cancellationToken);
        if (result.Refusal is { Code: "not-found" }) return ApiProblems.NotFound("Approval", gateId);
        if (result.Refusal is { } refusal)
        {
            await audit.AppendAsync([new AuditRecord(AuditEventKinds.ApprovalDecisionRefused, reviewer.Kind, reviewer.Name, result.Gate?.RunId, result.Gate?.StepId, channel, client, reason,
                new JsonObject { ["gate_id"] = gateId, ["decision"] = decision, ["refusal"] = refusal.Code })], cancellationToken);
            var status = refusal.Code switch
            {
                "already-decided" or "already-decided-by-you" or "busy" => StatusCodes.Status409Conflict,
                "reason-required" => StatusCodes.Status400BadRequest,
                "not-found" => StatusCodes.Status404NotFound,
                _ => StatusCodes.Status403Forbidden,
            };
            return ApiProblems.Problem(status, refusal.Code, "Decision refused", refusal.Message);
        }

        var gate = result.Gate!;
        // The decision, its audit record, the run's signal and (when nobody held the run) its lease are committed: handing the
        // run over here only saves it the poll and the claim.
        if (result.Settled) dispatcher.Continue(gate.RunId, result.Claimed);

        return Results.Json(ApprovalResponse.From(gate, result.Votes ?? await store.DecisionsAsync(gateId, cancellationToken), reviewer), ApiJson.Options);
    }

    /// <summary>Any human may open a gate by id (and is told why they cannot decide it); an agent only the gates of its own runs.</summary>
    internal static bool MayOpen(ApprovalGateData gate, Reviewer reviewer) =>
        reviewer.IsHuman || IsRequester(gate, reviewer);


    /// <summary>Kind and name together: an agent named like a human is not that human, and the other way round.</summary>
    private static bool IsRequester(ApprovalGateData gate, Reviewer reviewer) =>
        string.Equals(gate.RequesterKind, reviewer.Kind, StringComparison.OrdinalIgnoreCase) && HumanNames.Same(gate.RequesterName, reviewer.Name);
}
