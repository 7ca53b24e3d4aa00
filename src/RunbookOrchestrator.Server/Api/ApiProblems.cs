namespace RunbookOrchestrator.Server.Api;

/// <summary>The API's errors as RFC 9457 problem details: what is wrong and where, with a stable <c>type</c> per kind.</summary>
internal static class ApiProblems
{
    private const string TypeBase = "https://runbook-orchestrator.dev/problems/";

    public static IResult Problem(int status, string kind, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + kind, extensions: extensions);

    public static IResult BadRequest(string kind, string detail, IDictionary<string, object?>? extensions = null) =>
        Problem(StatusCodes.Status400BadRequest, kind, "The request is invalid", detail, extensions);

    public static IResult NotFound(string what, string id) =>
        Problem(StatusCodes.Status404NotFound, "not-found", $"{what} not found", $"{what} '{id}' does not exist or is not visible to you.");

    public static IResult Forbidden(string detail) =>
        Problem(StatusCodes.Status403Forbidden, "forbidden", "Not allowed", detail);

    public static IResult Conflict(string kind, string detail) =>
        Problem(StatusCodes.Status409Conflict, kind, "Conflict", detail);

    public static IResult TooLarge(long limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The request body is too large", $"The body exceeds the limit of {limit} bytes.");
}
