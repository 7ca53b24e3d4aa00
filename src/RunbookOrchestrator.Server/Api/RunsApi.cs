using RunbookOrchestrator.Server.Api.OpenApi;
using RunbookOrchestrator.Egress;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Server.Identity;

namespace RunbookOrchestrator.Server.Api;

/// <summary>The agent-facing run endpoints: trigger, read, list, cancel, signal.</summary>
internal static partial class RunsApi
{
    private const int MaxIdempotencyKeyLength = 200;

    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/runbooks/{runbookId}/runs", StartAsync).RequireAuthorization().WithTags("Runs")
            .WithName("startRun").WithSummary("Trigger a runbook").AcceptsJson<StartRunRequestBody, RouteHandlerBuilder>().WithMetadata(IdempotencyKeyHeader.Marker)
            .Produces<RunAccepted>(StatusCodes.Status202Accepted).ProducesProblems(400, 403, 404, 413, 422);
        var runs = app.MapGroup("/api/runs").RequireAuthorization().WithTags("Runs");
        runs.MapGet("/", ListAsync).WithName("listRuns").WithSummary("List runs (newest first, cursor paging)").Produces<RunListResponse>().ProducesProblems(400);
        runs.MapGet("/{runId}", GetAsync).WithName("getRun").WithSummary("A run: status, current step, what it waits for, outputs").Produces<RunResponse>().ProducesProblems(404);
        runs.MapGet("/stream", Runs.RunListStream.StreamAsync).WithName("streamRuns")
            .WithSummary("Server-Sent Events: the runs the caller may see that changed since the last event (event 'runs'; resumable with Last-Event-ID)")
            .Produces(200, contentType: "text/event-stream");
        runs.MapGet("/{runId}/stream", Runs.RunStream.StreamAsync).WithName("streamRun")
            .WithSummary("Server-Sent Events: the run as GET /api/runs/{runId} returns it, each time it changes (event 'run'; resumable with Last-Event-ID)")
            .Produces(200, contentType: "text/event-stream").ProducesProblems(404);
        runs.MapPost("/{runId}/cancel", CancelAsync).WithName("cancelRun").WithSummary("Cancel a run").AcceptsJson<CancelRunRequest, RouteHandlerBuilder>()
            .Produces<CancelAccepted>(StatusCodes.Status202Accepted).ProducesProblems(400, 404, 409, 413);
        runs.MapPost("/{runId}/events/{eventName}", SignalAsync).WithName("sendRunEvent").WithSummary("Send an event to a run (resumes wait.event); the body is the event's payload object")
            .AcceptsJson<System.Text.Json.Nodes.JsonObject, RouteHandlerBuilder>().Produces<EventAccepted>(StatusCodes.Status202Accepted).ProducesProblems(400, 404, 409, 413);
        return app;
    }

    private static async Task<IResult> StartAsync(string runbookId, HttpRequest request, ClaimsPrincipal caller, IRunService runs, EgressPolicy egress, CancellationToken cancellationToken)
    {
        var (node, problem) = await JsonBody.ReadObjectAsync(request, JsonBody.DefaultLimit, cancellationToken);
        if (problem != null) return problem;
        var (body, errors) = StartRunBody.From(node!);
        if (body is null) return ApiProblems.Invalid("invalid-body", errors);

        string? idempotencyKey = null;
        if (request.Headers.TryGetValue("Idempotency-Key", out var keys))
        {
            idempotencyKey = keys.ToString();
            if (idempotencyKey.Length is 0 or > MaxIdempotencyKeyLength || !PrintableAscii().IsMatch(idempotencyKey))
                return ApiProblems.BadRequest("invalid-idempotency-key", $"The Idempotency-Key header must be 1 to {MaxIdempotencyKeyLength} printable ASCII characters.");
        }
        if (!caller.MayTrigger(runbookId))
            return ApiProblems.Forbidden($"Your API key is not allowed to trigger runbook '{runbookId}'.");
        // An address written in the URL is judged now, so the agent hears at once; names are judged when the callback connects.
        if (body.CallbackUrl is { } callbackUrl && CallbackEgress.Refusal(egress, callbackUrl) is { } refusal)
            return ApiProblems.Invalid("egress-refused", [new ProblemError("/callback_url", refusal)]);

        var result = await runs.StartAsync(new StartRunRequest(runbookId, body.Inputs, body.Reason, caller.ToRequester(), idempotencyKey, body.CallbackUrl), cancellationToken);
        switch (result)
        {
            case StartRunResult.Started started:
                var url = $"{BaseUrl(request)}/api/runs/{started.RunId}";
                // A run created by this request is pending as far as the caller can know; reading it back would cost as much as
                // creating it. A replayed key answers with the existing run's current status.
                var status = RunStatus.Pending;
                if (!started.Created)
                {
                    request.HttpContext.Response.Headers["Idempotent-Replayed"] = "true";
                    status = (await runs.GetAsync(started.RunId, cancellationToken))?.Status ?? RunStatus.Pending;
                }
                return Results.Json(new RunAccepted(started.RunId, status, started.Created, url), ApiJson.Options,
                    statusCode: StatusCodes.Status202Accepted);
            case StartRunResult.RunbookNotFound:
                return ApiProblems.NotFound("Runbook", runbookId);
            case StartRunResult.InvalidInputs invalid:
                return ApiProblems.Invalid("invalid-inputs",
                    invalid.Errors.Select(e => new ProblemError(JsonPointer.Of("inputs", e.Input), $"input '{e.Input}': {e.Message}")).ToList());
            case StartRunResult.IdempotencyConflict conflict:
                return ApiProblems.Problem(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused", "Idempotency key reused",
                    $"This Idempotency-Key was already used for run {conflict.ExistingRunId} with a different runbook or different inputs.");
            default:
                return ApiProblems.Problem(500, "internal", "Unexpected result", "The run could not be started.");
        }
    }

    private static async Task<IResult> GetAsync(string runId, HttpRequest request, ClaimsPrincipal caller, IRunService runs, IRunStore store,
        Runs.RunVisibility visibility, CancellationToken cancellationToken)
    {
        var view = await runs.GetAsync(runId, cancellationToken);
        if (view is null || !await visibility.MaySeeAsync(caller, view.Requester.Kind.ToString(), view.Requester.Name, runId, cancellationToken))
            return ApiProblems.NotFound("Run", runId);
        var callback = view.CompletedAt is null ? null : CallbackResponse.From(await store.FindCallbackAsync(runId, cancellationToken));
        return Results.Json(RunResponse.From(view, BaseUrl(request), callback), ApiJson.Options);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, ClaimsPrincipal caller, IRunService runs, Runs.RunVisibility visibility, CancellationToken cancellationToken,
        string? runbook = null, string? status = null, string? limit = null, string? cursor = null,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "created_after")] string? createdAfter = null, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "created_before")] string? createdBefore = null)
    {
        // Query values arrive as text and are parsed here: a typed binding failure would answer 500 (or a 400 with no detail).
        RunStatus? parsedStatus = null;
        if (status != null)
        {
            var names = Enum.GetNames<RunStatus>();
            if (names.FirstOrDefault(n => n.Equals(status, StringComparison.OrdinalIgnoreCase)) is not { } name)
                return ApiProblems.InvalidQuery("status", $"Query parameter 'status' must be one of: {string.Join(", ", names.Select(n => n.ToLowerInvariant()))}.");
            parsedStatus = Enum.Parse<RunStatus>(name);
        }
        var pageSize = 50;
        if (limit != null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 500))
            return ApiProblems.InvalidQuery("limit", "Query parameter 'limit' must be a whole number between 1 and 500.");
        if (!TryParseInstant(createdAfter, "created_after", out var after, out var afterProblem)) return afterProblem!;
        if (!TryParseInstant(createdBefore, "created_before", out var before, out var beforeProblem)) return beforeProblem!;
        // The cursor is the last run id of the previous page; anything else used to be compared as text and silently page from nowhere.
        if (cursor != null && !RunIdFormat().IsMatch(cursor))
            return ApiProblems.InvalidQuery("cursor", "Query parameter 'cursor' must be the next_cursor value of a previous page (a run id: 32 lower-case hex digits).");

        // An agent sees the runs it asked for, nobody else's; a person also those waiting on them, an operator all (RunVisibility).
        var query = await visibility.ScopeAsync(caller, new RunQuery(runbook, parsedStatus, null, after, before, pageSize, cursor), cancellationToken);
        var page = await runs.ListAsync(query, cancellationToken);
        var baseUrl = BaseUrl(request);
        return Results.Json(new RunListResponse(page.Items.Select(r => Summary(r, baseUrl)).ToList(), page.NextCursor), ApiJson.Options);
    }

    private static bool TryParseInstant(string? text, string name, out DateTimeOffset? instant, out IResult? problem)
    {
        instant = null;
        problem = null;
        if (text is null) return true;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            instant = parsed;
            return true;
        }
        problem = ApiProblems.InvalidQuery(name, $"Query parameter '{name}' must be an ISO 8601 instant such as 2026-01-01T09:00:00Z.");
        return false;
    }

    private static async Task<IResult> CancelAsync(string runId, HttpRequest request, ClaimsPrincipal caller, IRunService runs, CancellationToken cancellationToken)
    {
        var (node, problem) = await JsonBody.ReadObjectAsync(request, 16 * 1024, cancellationToken);
        if (problem != null) return problem;
        foreach (var (name, _) in node!)
            if (name != "reason") return ApiProblems.Invalid("invalid-body", [new ProblemError(JsonPointer.Of(name), $"unknown field '{name}' (expected reason)")]);
        string? reason = null;
        if (node["reason"] is { } given && (given is not JsonValue v || !v.TryGetValue(out reason)))
            return ApiProblems.Invalid("invalid-body", [new ProblemError("/reason", "'reason' must be a string")]);
        if (reason?.Length > StartRunBody.MaxReasonLength)
            return ApiProblems.Invalid("invalid-body", [new ProblemError("/reason", $"'reason' is longer than {StartRunBody.MaxReasonLength} characters")]);

        // The owner check needs the requester only; the full view (steps, masked outputs) would cost more than the cancel.
        var view = await runs.GetSummaryAsync(runId, cancellationToken);
        if (view is null || !MaySee(caller, view)) return ApiProblems.NotFound("Run", runId);
        return await runs.CancelAsync(runId, caller.ToRequester(), reason, cancellationToken) switch
        {
            CommandResult.Accepted => Results.Json(new CancelAccepted(runId, "cancelling"), ApiJson.Options, statusCode: StatusCodes.Status202Accepted),
            CommandResult.NotFound => ApiProblems.NotFound("Run", runId),
            _ => ApiProblems.Conflict("run-finished", $"Run {runId} has already finished ({view.Status.ToString().ToLowerInvariant()}).")
        };
    }

    private static async Task<IResult> SignalAsync(string runId, string eventName, HttpRequest request, ClaimsPrincipal caller, IRunService runs, CancellationToken cancellationToken)
    {
        if (eventName.Length > 200 || !EventName().IsMatch(eventName))
            return ApiProblems.BadRequest("invalid-event-name", "Event names are 1 to 200 characters of letters, digits, '.', '_' and '-'.");
        var (payload, problem) = await JsonBody.ReadObjectAsync(request, 256 * 1024, cancellationToken);
        if (problem != null) return problem;

        return await runs.SignalAsync(runId, caller.ToRequester(), eventName, payload, cancellationToken) switch
        {
            CommandResult.Accepted => Results.Json(new EventAccepted(runId, eventName, "accepted"), ApiJson.Options, statusCode: StatusCodes.Status202Accepted),
            CommandResult.NotFound => ApiProblems.NotFound("Run", runId),
            CommandResult.TooManyPendingSignals => ApiProblems.Problem(StatusCodes.Status429TooManyRequests, "too-many-pending-events", "Too many pending events",
                $"Run {runId} already holds the maximum number of events that no step has consumed yet."),
            _ => ApiProblems.Conflict("run-finished", $"Run {runId} has already finished; events can no longer be delivered."),
        };
    }

    private static bool MaySee(ClaimsPrincipal caller, RunSummary run) => caller.ToRequester().Requested(run.RequesterKind, run.RequesterName);

    internal static RunSummaryResponse Summary(RunSummary r, string baseUrl) =>
        new(r.Id, new RunbookRef(r.RunbookId, r.RunbookVersion), r.Status, new RequesterResponse(r.RequesterKind, r.RequesterName, null), r.CreatedAt,
            r.CompletedAt, $"{baseUrl}/api/runs/{r.Id}");

    internal static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    [GeneratedRegex("^[\\x21-\\x7E]+$")]
    private static partial Regex PrintableAscii();

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex EventName();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex RunIdFormat();
}
