using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Definitions.Source;
using RunbookOrchestrator.Policy;
using RunbookOrchestrator.Server.Api;
using RunbookOrchestrator.Server.Api.OpenApi;
using RunbookOrchestrator.Server.Hosting;
using RunbookOrchestrator.Server.Identity.Sessions;

namespace RunbookOrchestrator.Server.Runbooks;

/// <summary>Editing runbooks from the designer: check a draft, open a runbook's YAML, publish a new version, list and download
/// the versions. Opening and publishing are for the designers group; checking a draft is for anyone signed in.</summary>
public static partial class RunbookEditingApi
{
    private const int HistoryLimit = 200;

    public static IEndpointRouteBuilder MapRunbookEditingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/runbooks").RequireAuthorization().WithTags("Runbook editing");
        group.MapPost("/validate", ValidateAsync).WithName("validateRunbook")
            .WithSummary("Check a runbook text as the validate command does, and preview which steps policy would pause or refuse")
            .AcceptsJson<DraftRequest, RouteHandlerBuilder>().Produces<DraftValidationResponse>().ProducesProblems(400, 413);
        group.MapGet("/{runbookId}/source", SourceAsync).WithName("getRunbookSource")
            .WithSummary("A runbook's YAML as published now, with the hash a save names as its base (designers only)")
            .Produces<RunbookSourceResponse>().ProducesProblems(403, 404);
        group.MapPut("/{runbookId}/source", PublishAsync).WithName("publishRunbook")
            .WithSummary("Publish a new version from YAML (designers only); 409 when the file changed since base_hash")
            .AcceptsJson<PublishRequest, RouteHandlerBuilder>().Produces<RunbookPublishedResponse>().ProducesProblems(400, 403, 404, 409, 413, 422);
        group.MapGet("/{runbookId}/history", HistoryAsync).WithName("getRunbookHistory")
            .WithSummary("Every version saved in the designer or found in the runbook's file, newest first (designers only)")
            .Produces<RunbookHistoryResponse>().ProducesProblems(403, 404);
        group.MapGet("/{runbookId}/history/{entryId:long}", HistoryEntryAsync).WithName("getRunbookHistoryEntry")
            .WithSummary("One recorded version with its YAML (designers only)")
            .Produces<RunbookHistoryEntryResponse>().ProducesProblems(403, 404);
        group.MapGet("/{runbookId}/yaml", DownloadAsync).WithName("downloadRunbookYaml")
            .WithSummary("The YAML file of the current version, or of ?entry=N from the history, as a download (designers only)")
            .Produces<string>(contentType: "application/yaml").ProducesProblems(403, 404);
        return app;
    }

    private static async Task<IResult> ValidateAsync(HttpRequest request, ClaimsPrincipal caller, RunbookDraftCheck drafts, CancellationToken cancellationToken)
    {
        var (text, problem) = await ReadYamlAsync(request, [], cancellationToken);
        if (problem is not null) return problem;
        var result = drafts.Check(text!.Yaml, "draft.yaml", caller);
        return Results.Json(new DraftValidationResponse(result.Definition?.Id, result.Definition?.Version, result.Errors.Count == 0,
            result.Errors.Select(DraftIssue.Of).ToList(), result.Explanation?.Steps ?? []), ApiJson.Options);
    }

    private static IResult? Refuse(ClaimsPrincipal caller, OrchestratorOptions options) =>
        caller.MayEdit(options) ? null : ApiProblems.Forbidden($"Only members of '{options.DesignersGroup}' open and publish runbook sources.");

    private static async Task<IResult> SourceAsync(string runbookId, ClaimsPrincipal caller, IRunbookCatalog catalog, IOptions<OrchestratorOptions> options,
        CancellationToken cancellationToken)
    {
        if (Refuse(caller, options.Value) is { } refused) return refused;
        if (catalog.Find(runbookId) is not { Location.File: { } file } definition || !File.Exists(file)) return ApiProblems.NotFound("Runbook", runbookId);
        var text = await ReadTextAsync(file, cancellationToken);
        var editable = catalog is RunbookDirectoryCatalog && !RunbookLoader.IsJson(file);
        return Results.Json(new RunbookSourceResponse(definition.Id, definition.Version, text, RunbookSourceText.Hash(text), Path.GetFileName(file), editable,
            editable ? null : "JSON runbooks are edited as files; the designer saves YAML"), ApiJson.Options);
    }

    private static async Task<IResult> PublishAsync(string runbookId, HttpRequest request, ClaimsPrincipal caller, RunbookPublisher publisher,
        IOptions<OrchestratorOptions> options, Hosting.OrchestratorPaths paths, CancellationToken cancellationToken)
    {
        if (Refuse(caller, options.Value) is { } refused) return refused;
        if (!RunbookIdPattern().IsMatch(runbookId) || runbookId.Length > 200)
            return ApiProblems.BadRequest("invalid-runbook-id", $"'{runbookId}' is not a runbook id (lower-case letters, digits, '.', '_' and '-').");
        var (body, problem) = await ReadYamlAsync(request, ["base_hash"], cancellationToken);
        if (problem is not null) return problem;
        var channel = caller.Identity?.AuthenticationType == SessionAuthentication.Scheme ? "web" : "api";
        var result = await publisher.PublishAsync(runbookId, body!.Yaml, body.BaseHash, caller, channel,
            request.HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        return result switch
        {
            PublishResult.Published p => Results.Json(new RunbookPublishedResponse(p.Runbook, p.Version, p.DefinitionHash, p.TextHash, p.HistoryId), ApiJson.Options),
            PublishResult.Invalid invalid => ApiProblems.Problem(StatusCodes.Status422UnprocessableEntity, "invalid-runbook", "The runbook has errors",
                string.Join("; ", invalid.Errors.Select(e => e.Location.Line > 0 ? $"line {e.Location.Line}: {e.Message}" : e.Message)),
                new Dictionary<string, object?> { ["issues"] = invalid.Errors.Select(DraftIssue.Of).ToList() }),
            PublishResult.Conflict conflict => ApiProblems.Problem(StatusCodes.Status409Conflict, "runbook-changed", "The runbook changed", conflict.Message,
                new Dictionary<string, object?>
                {
                    ["current_yaml"] = conflict.CurrentText,
                    ["current_hash"] = conflict.CurrentHash,
                    ["current_saved_by"] = conflict.LatestEntry?.SavedBy,
                    ["current_origin"] = conflict.LatestEntry?.Origin,
                }),
            PublishResult.NotEditable notEditable => ApiProblems.Problem(StatusCodes.Status409Conflict, "runbook-not-editable", "The runbook cannot be edited here", notEditable.Reason),
            _ => ApiProblems.NotFound("Runbook", runbookId),
        };
    }

    private static async Task<IResult> HistoryAsync(string runbookId, ClaimsPrincipal caller, IRunbookCatalog catalog, RunbookSourceHistory history,
        IOptions<OrchestratorOptions> options, CancellationToken cancellationToken)
    {
        if (Refuse(caller, options.Value) is { } refused) return refused;
        var entries = await history.ListAsync(runbookId, HistoryLimit, cancellationToken);
        if (entries.Count == 0 && catalog.Find(runbookId) is null) return ApiProblems.NotFound("Runbook", runbookId);
        return Results.Json(new RunbookHistoryResponse(runbookId, catalog.Find(runbookId)?.Version,
            entries.Select(e => new RunbookHistoryEntry(e.Id, e.Version, e.DefinitionHash, e.TextHash, e.Origin, e.SavedBy, e.SavedAt)).ToList()), ApiJson.Options);
    }

    private static async Task<IResult> HistoryEntryAsync(string runbookId, long entryId, ClaimsPrincipal caller, RunbookSourceHistory history,
        IOptions<OrchestratorOptions> options, CancellationToken cancellationToken)
    {
        if (Refuse(caller, options.Value) is { } refused) return refused;
        return await history.FindAsync(runbookId, entryId, cancellationToken) is { } e
            ? Results.Json(new RunbookHistoryEntryResponse(e.Id, e.Version, e.DefinitionHash, e.TextHash, e.Origin, e.SavedBy, e.SavedAt, e.Text), ApiJson.Options)
            : ApiProblems.NotFound("Runbook version", $"{runbookId}#{entryId}");
    }

    private static async Task<IResult> DownloadAsync(string runbookId, long? entry, ClaimsPrincipal caller, IRunbookCatalog catalog, RunbookSourceHistory history,
        IOptions<OrchestratorOptions> options, CancellationToken cancellationToken)
    {
        if (Refuse(caller, options.Value) is { } refused) return refused;
        string? text = null;
        if (entry is { } id) text = (await history.FindAsync(runbookId, id, cancellationToken))?.Text;
        else if (catalog.Find(runbookId) is { Location.File: { } file } && File.Exists(file)) text = await ReadTextAsync(file, cancellationToken);
        if (text is null) return ApiProblems.NotFound("Runbook", runbookId);
        var name = entry is null ? $"{runbookId}.yaml" : $"{runbookId}.{entry}.yaml";
        return Results.File(System.Text.Encoding.UTF8.GetBytes(text), "application/yaml; charset=utf-8", name);
    }

    private static async Task<string> ReadTextAsync(string file, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
        return StrictText.Decode(bytes, file).Text ?? System.Text.Encoding.UTF8.GetString(bytes);
    }

    private static async Task<(YamlBody? Body, IResult? Problem)> ReadYamlAsync(HttpRequest request, string[] optional, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(request, RunbookLoader.MaxFileBytes * 2 + 4096, cancellationToken);
        if (problem is not null) return (null, problem);
        foreach (var (name, _) in body!)
            if (name != "yaml" && !optional.Contains(name))
                return (null, ApiProblems.Invalid("invalid-body", [new ProblemError(JsonPointer.Of(name), $"unknown field '{name}' (expected yaml{string.Concat(optional.Select(o => ", " + o))})")]));
        if (body["yaml"] is not JsonValue yamlValue || !yamlValue.TryGetValue<string>(out var yaml))
            return (null, ApiProblems.Invalid("invalid-body", [new ProblemError("/yaml", "'yaml' must be the runbook's text as a string.")]));
        if (System.Text.Encoding.UTF8.GetByteCount(yaml) > RunbookLoader.MaxFileBytes)
            return (null, ApiProblems.TooLarge(RunbookLoader.MaxFileBytes));
        string? baseHash = null;
        if (body["base_hash"] is { } b && (b is not JsonValue bv || !bv.TryGetValue(out baseHash)))
            return (null, ApiProblems.Invalid("invalid-body", [new ProblemError("/base_hash", "'base_hash' must be the text_hash of the version you edited, or null for a new runbook.")]));
        return (new YamlBody(yaml, baseHash), null);
    }

    private sealed record YamlBody(string Yaml, string? BaseHash);

    // The id names the file a new runbook is written to: no separators, no leading dot (the same rule as the validator's).
    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial System.Text.RegularExpressions.Regex RunbookIdPattern();
}

/// <summary>The body of <c>POST /api/runbooks/validate</c>: the runbook's text.</summary>
public sealed record DraftRequest(string Yaml);

/// <summary>The body of <c>PUT /api/runbooks/{id}/source</c>: the new text and the <c>text_hash</c> it was edited from (null to create).</summary>
public sealed record PublishRequest(string Yaml, string? BaseHash);

/// <summary>One problem in a draft: line and column in its text, the step it belongs to, a stable code and the message.</summary>
public sealed record DraftIssue(int Line, int Column, string? Step, string Code, string Message)
{
    public static DraftIssue Of(RunbookError e) => new(e.Location.Line, e.Location.Column, e.StepId, e.Code, e.Message);
}

/// <summary>What the server makes of a draft: its id and version when readable, its problems, and which steps policy would pause or refuse.</summary>
public sealed record DraftValidationResponse(string? Runbook, int? Version, bool Valid, IReadOnlyList<DraftIssue> Issues, IReadOnlyList<StepExplanation> Steps);

/// <summary>A runbook's YAML as on disk; <c>text_hash</c> is what a save names as <c>base_hash</c>.</summary>
public sealed record RunbookSourceResponse(string Runbook, int Version, string Yaml, string TextHash, string File, bool Editable, string? ReadOnlyReason);

/// <summary>A published version.</summary>
public sealed record RunbookPublishedResponse(string Runbook, int Version, string DefinitionHash, string TextHash, long HistoryId);

/// <summary>The recorded versions of a runbook, newest first; <c>current</c> is the version served now.</summary>
public sealed record RunbookHistoryResponse(string Runbook, int? Current, IReadOnlyList<RunbookHistoryEntry> Entries);

/// <summary>One recorded version: <c>origin</c> is <c>designer</c> (with who saved it) or <c>file</c> (changed on disk, e.g. by Git).</summary>
public sealed record RunbookHistoryEntry(long Id, int Version, string DefinitionHash, string TextHash, string Origin, string? SavedBy, DateTimeOffset SavedAt);

/// <summary>One recorded version with its text.</summary>
public sealed record RunbookHistoryEntryResponse(long Id, int Version, string DefinitionHash, string TextHash, string Origin, string? SavedBy, DateTimeOffset SavedAt, string Yaml);
