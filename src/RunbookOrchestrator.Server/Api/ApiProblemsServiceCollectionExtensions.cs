using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;

namespace RunbookOrchestrator.Server.Api;

/// <summary>Routes every problem the host produces (endpoints, status-code pages, the exception handler) through <see cref="ApiProblemShape"/>.</summary>
internal static class ApiProblemsServiceCollectionExtensions
{
    public static IServiceCollection AddApiProblems(this IServiceCollection services)
    {
        // Anything that still uses IProblemDetailsService (Results.Problem, framework writers) gets the same shape.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ApiProblemShape.Apply(ctx.HttpContext, ctx.ProblemDetails, ctx.Exception));
        services.Configure<StatusCodePagesOptions>(o => o.HandleAsync = ctx =>
            new ApiProblemResult(new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = ctx.HttpContext.Response.StatusCode }).ExecuteAsync(ctx.HttpContext));
        services.Configure<ExceptionHandlerOptions>(o =>
        {
            o.StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
            o.ExceptionHandler = context =>
            {
                var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = context.Response.StatusCode };
                ApiProblemShape.Apply(context, problem, exception);
                return new ApiProblemResult(problem).ExecuteAsync(context);
            };
        });
        return services;
    }
}
