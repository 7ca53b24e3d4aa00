using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace RunbookOrchestrator.Server.Api;

/// <summary>Writes a problem as <c>application/problem+json</c> whatever the request's <c>Accept</c> says, after <see cref="ApiProblemShape"/> completes it.</summary>
/// <remarks>The framework's writer declines a client that accepts only HTML and then writes an empty body; an API error must always say what went wrong.</remarks>
internal sealed class ApiProblemResult(ProblemDetails problem) : IResult, IStatusCodeHttpResult
{
    public ProblemDetails Problem { get; } = problem;

    public int? StatusCode => Problem.Status;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ApiProblemShape.Apply(httpContext, Problem);
        httpContext.Response.StatusCode = Problem.Status ?? StatusCodes.Status500InternalServerError;
        var options = httpContext.RequestServices.GetService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>()?.Value.SerializerOptions ?? ApiJson.Options;
        return httpContext.Response.WriteAsJsonAsync(Problem, options, "application/problem+json");
    }
}
