using Microsoft.AspNetCore.Mvc;

namespace RunbookOrchestrator.Server.Api;

/// <summary>The API's errors as RFC 9457 problem details: what is wrong and where, with a stable <c>code</c> (and <c>type</c>) per kind.</summary>
/// <remarks>Every problem leaves through <see cref="ApiProblemShape"/>, which adds <c>code</c> and <c>trace_id</c>; endpoints only say what went wrong.</remarks>
internal static class ApiProblems
{
    public static IResult Problem(int status, string code, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        new ApiProblemResult(Create(status, code, title, detail, extensions));

    public static IResult BadRequest(string code, string detail, IDictionary<string, object?>? extensions = null) =>
        Problem(StatusCodes.Status400BadRequest, code, "The request is invalid", detail, extensions);

    /// <summary>A 400 listing each error with its path; the detail joins their messages so a reader of <c>detail</c> alone misses nothing.</summary>
    public static IResult Invalid(string code, IReadOnlyList<ProblemError> errors, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { [ApiProblemShape.ErrorsKey] = errors };
        return BadRequest(code, string.Join("; ", errors.Select(e => e.Message)), all);
    }

    /// <summary>A 400 naming one query parameter.</summary>
    public static IResult InvalidQuery(string parameter, string message) =>
        Invalid("invalid-query", [new ProblemError("?" + parameter, message)], new Dictionary<string, object?> { ["parameter"] = parameter });

    public static IResult NotFound(string what, string id) =>
        Problem(StatusCodes.Status404NotFound, "not-found", $"{what} not found", $"{what} '{id}' does not exist or is not visible to you.");

    public static IResult Forbidden(string detail) =>
        Problem(StatusCodes.Status403Forbidden, "forbidden", "Not allowed", detail);

    public static IResult Conflict(string code, string detail) =>
        Problem(StatusCodes.Status409Conflict, code, "Conflict", detail);

    public static IResult TooLarge(long limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The request body is too large", $"The body exceeds the limit of {limit} bytes for this endpoint.",
            new Dictionary<string, object?> { ["limit"] = limit });

    /// <summary>Writes a problem straight to the response, for code that runs outside an endpoint (authentication handlers, middleware).</summary>
    public static Task WriteAsync(HttpContext context, int status, string code, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        new ApiProblemResult(Create(status, code, title, detail, extensions)).ExecuteAsync(context);

    private static ProblemDetails Create(int status, string code, string title, string detail, IDictionary<string, object?>? extensions)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = ApiProblemShape.TypeFor(code) };
        if (extensions != null)
            foreach (var (key, value) in extensions) problem.Extensions[key] = value;
        problem.Extensions[ApiProblemShape.CodeKey] = code;
        return problem;
    }
}
