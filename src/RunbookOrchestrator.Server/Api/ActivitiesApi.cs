using RunbookOrchestrator.Activities;
using RunbookOrchestrator.Server.Api.OpenApi;

namespace RunbookOrchestrator.Server.Api;

/// <summary><c>GET /api/activities</c>: every step type with its parameters, outcomes and palette group, so the designer's palette
/// and step panel follow the server (a new activity needs no designer change).</summary>
internal static class ActivitiesApi
{
    public static IEndpointRouteBuilder MapActivitiesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/activities", (IActivityRegistry registry) => Results.Json(new ActivityListResponse(
                registry.Descriptors.OrderBy(d => d.Type, StringComparer.Ordinal).Select(d => new ActivityInfo(d.Type, d.Description, d.Category,
                    d.Outcomes.Where(o => !o.StartsWith('<') && !o.StartsWith('(')).ToList(), d.DefaultPrivilege,
                    d.Parameters.Select(p => new ActivityParameterInfo(p.Name, p.Type, p.Required, p.Description, p.Kind.ToString().ToLowerInvariant())).ToList())).ToList()),
                ApiJson.Options))
            .RequireAuthorization().WithTags("Runbook editing")
            .WithName("listActivities").WithSummary("The step types runbooks may use: parameters, outcomes and palette group")
            .Produces<ActivityListResponse>().ProducesProblems();
        return app;
    }
}

/// <summary>The step types this server runs.</summary>
internal sealed record ActivityListResponse(IReadOnlyList<ActivityInfo> Items);

/// <summary>One step type: what it does, where the palette lists it, what it may answer and what it takes.</summary>
internal sealed record ActivityInfo(string Type, string Description, string Category, IReadOnlyList<string> Outcomes, string? DefaultPrivilege,
    IReadOnlyList<ActivityParameterInfo> Parameters);

/// <summary>One parameter: <c>kind</c> is <c>template</c> (rendered with <c>{{ }}</c>), <c>expression</c> (CEL) or <c>literal</c>.</summary>
internal sealed record ActivityParameterInfo(string Name, string Type, bool Required, string Description, string Kind);
