using RunbookOrchestrator.Server.Api.OpenApi;
using RunbookOrchestrator.Server.Identity;
using System.Security.Claims;
using System.Text;
using RunbookOrchestrator.Audit;
using RunbookOrchestrator.Server.Api;
using RunbookOrchestrator.Server.Persistence.Audit;

namespace RunbookOrchestrator.Server.Audit;

/// <summary>HTTP surface of the audit trail: export by time range and chain verification, for auditors only.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").RequireAuthorization().WithTags("Audit");
        group.MapGet("/events", Export).WithName("exportAuditEvents").WithSummary("Audit events with from <= at < to, as JSON Lines (default) or CSV")
            .Produces<string>(StatusCodes.Status200OK, "application/x-ndjson", "text/csv").ProducesProblems(400, 403);
        group.MapGet("/verify", VerifyAsync).WithName("verifyAuditTrail").WithSummary("Checks the hash chain (and an optional anchor=SEQ:HASH recorded earlier) and reports the first broken link")
            .Produces<AuditVerifyResponse>().ProducesProblems(400, 403);
        return app;
    }

    private static IResult Export(HttpContext http, ClaimsPrincipal caller, AuditStore store, string? from, string? to, string? format)
    {
        if (!caller.MayReadAudit()) return Forbidden(caller);
        if (!AuditExportFormats.TryParse(format, out var parsedFormat))
            return ApiProblems.InvalidQuery("format", $"query parameter 'format' must be 'jsonl' or 'csv', not '{Shorten(format!)}'");
        if (!AuditTimeRange.TryParse(from, to, out var range, out var error))
            return ApiProblems.InvalidQuery(error!.StartsWith("'to'", StringComparison.Ordinal) ? "to" : "from", $"query parameter {error}");
        var fileName = $"audit.{AuditExportFormats.FileExtension(parsedFormat)}";
        return Results.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024);
            await AuditExportFormats.WriteAsync(parsedFormat, store.ReadAsync(range.From, range.To, http.RequestAborted), writer, http.RequestAborted);
        }, AuditExportFormats.ContentType(parsedFormat), fileName);
    }

    private static async Task<IResult> VerifyAsync(ClaimsPrincipal caller, AuditStore store, string? anchor, CancellationToken cancellationToken)
    {
        if (!caller.MayReadAudit()) return Forbidden(caller);
        AuditHead? parsedAnchor = null;
        if (anchor is not null && !AuditHead.TryParse(anchor, out parsedAnchor, out var error))
            return ApiProblems.InvalidQuery("anchor", $"query parameter 'anchor': {error}");
        var result = await store.VerifyAsync(parsedAnchor, cancellationToken);
        return result.Break is { } b
            ? Results.Json(new AuditVerifyResponse(false, Sequence: b.Sequence, Problem: b.Problem, EventsChecked: result.Events), ApiJson.Options)
            : Results.Json(new AuditVerifyResponse(true, Events: result.Events, Head: result.LastHash, Anchor: $"{result.Events}:{result.LastHash}"), ApiJson.Options);
    }

    // Says what this caller lacks: a reviewer told "agent keys may not read it" could not tell what to ask for.
    private static IResult Forbidden(ClaimsPrincipal caller) =>
        ApiProblems.Problem(StatusCodes.Status403Forbidden, "forbidden", "Not allowed",
            caller.HasClaim(AgentClaimTypes.Kind, AuditReaders.HumanKind)
                ? $"Reading the audit trail needs membership of the '{AuditReaders.AuditorsGroup}' group, which you do not have; ask an administrator to add it to your groups ('users groups NAME <your groups>,{AuditReaders.AuditorsGroup}')."
                : $"Reading the audit trail needs a human identity in the '{AuditReaders.AuditorsGroup}' group; agent keys may never read it, whatever they are scoped to.",
            new Dictionary<string, object?> { ["missing_group"] = AuditReaders.AuditorsGroup });

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "...";
}
