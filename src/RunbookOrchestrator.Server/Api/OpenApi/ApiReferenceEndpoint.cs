using Scalar.AspNetCore;

namespace RunbookOrchestrator.Server.Api.OpenApi;

/// <summary>The browsable API reference (Scalar) at <c>/api/docs</c>, served from the package's own bundle: it works offline.</summary>
internal static class ApiReferenceEndpoint
{
    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapScalarApiReference("/api/docs", options => options
            .WithTitle("RunbookOrchestrator API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .WithDefaultFonts(false));
        return app;
    }
}
