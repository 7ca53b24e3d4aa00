using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace RunbookOrchestrator.Server.Api;

/// <summary>The one shape of every problem the API answers: <c>type</c>, <c>title</c>, <c>status</c>, a non-empty <c>detail</c>,
/// a stable <c>code</c> and the request's W3C <c>trace_id</c>, whoever produced it (an endpoint, status-code pages, the exception handler).</summary>
internal static class ApiProblemShape
{
    public const string TypeBase = "https://runbook-orchestrator.dev/problems/";
    public const string CodeKey = "code";
    public const string TraceIdKey = "trace_id";
    public const string ErrorsKey = "errors";

    public static string TypeFor(string code) => TypeBase + code;

    /// <summary>Completes <paramref name="problem"/> in place; what an endpoint already set wins.</summary>
    public static void Apply(HttpContext context, ProblemDetails problem, Exception? exception = null)
    {
        problem.Status ??= context.Response.StatusCode is >= 400 and var s ? s : StatusCodes.Status500InternalServerError;
        var status = problem.Status.Value;
        var code = problem.Extensions.TryGetValue(CodeKey, out var c) && c is string { Length: > 0 } given ? given : CodeFor(status, problem.Type);
        problem.Extensions[CodeKey] = code;
        if (string.IsNullOrEmpty(problem.Type) || !problem.Type.StartsWith(TypeBase, StringComparison.Ordinal)) problem.Type = TypeFor(code);
        if (string.IsNullOrEmpty(problem.Title)) problem.Title = ReasonPhrase(status);
        var traceId = TraceId(context);
        if (string.IsNullOrEmpty(problem.Detail)) problem.Detail = DetailFor(context, status, traceId, exception);
        // The framework's default names it traceId and fills it with the whole traceparent; one spelling, the trace id alone.
        problem.Extensions.Remove("traceId");
        problem.Extensions[TraceIdKey] = traceId;
        problem.Instance ??= context.Request.Path.Value;
    }

    /// <summary>The W3C trace id of the request (the one a traceparent header carried in, or the one the server started).</summary>
    public static string TraceId(HttpContext context)
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity) return activity.TraceId.ToHexString();
        // No activity (nothing listens to the hosting diagnostics): start one id per request so the answer can still be quoted.
        if (context.Items[typeof(ActivityTraceId)] is not ActivityTraceId id)
            context.Items[typeof(ActivityTraceId)] = id = ActivityTraceId.CreateRandom();
        return id.ToHexString();
    }

    private static string CodeFor(int status, string? type)
    {
        if (type is not null && type.StartsWith(TypeBase, StringComparison.Ordinal) && type.Length > TypeBase.Length) return type[TypeBase.Length..];
        return status switch
        {
            400 => "bad-request",
            401 => "unauthenticated",
            403 => "forbidden",
            404 => "not-found",
            405 => "method-not-allowed",
            406 => "not-acceptable",
            408 => "request-timeout",
            409 => "conflict",
            411 => "length-required",
            413 => "payload-too-large",
            415 => "unsupported-media-type",
            422 => "unprocessable",
            429 => "too-many-requests",
            431 => "headers-too-large",
            >= 500 => "internal-error",
            _ => $"http-{status}",
        };
    }

    private static string DetailFor(HttpContext context, int status, string traceId, Exception? exception)
    {
        var request = $"{context.Request.Method} {context.Request.Path}";
        if (exception is BadHttpRequestException bad) return bad.Message;
        return status switch
        {
            400 => $"The request {request} could not be read.",
            401 => "Authentication is required: send an agent API key or a personal token as 'Authorization: Bearer <key>'.",
            403 => $"You are not allowed to call {request}.",
            404 => $"There is no endpoint at {request}.",
            405 => $"{context.Request.Method} is not allowed on {context.Request.Path}.",
            413 => "The request body is too large.",
            415 => "The request body must be JSON (Content-Type: application/json).",
            >= 500 => $"The server failed to handle {request}. Quote trace id {traceId} when reporting it.",
            _ => $"{ReasonPhrase(status)} ({request}).",
        };
    }

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : $"HTTP {status}";
}
