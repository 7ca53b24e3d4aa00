using RunbookOrchestrator.Server.Api.OpenApi;
using System.Security.Claims;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Server.Api;

namespace RunbookOrchestrator.Server.Identity.Humans;

/// <summary><c>GET /api/me</c>: who the caller is, as the server sees it.</summary>
public static class IdentityApi
{
    public static IEndpointRouteBuilder MapIdentityApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", (ClaimsPrincipal caller) => Results.Json(Describe(caller), ApiJson.Options))
            .RequireAuthorization()
            .WithTags("Identity")
            .WithName("getMe").WithSummary("The authenticated caller: kind, name and groups (humans) or owner and runbook scope (agents)")
            .Produces<CallerResponse>().ProducesProblems();
        return app;
    }

    private static CallerResponse Describe(ClaimsPrincipal caller)
    {
        var requester = caller.ToRequester();
        if (caller.IsHuman())
            return new CallerResponse(AgentClaimTypes.HumanKind, requester.Name, Groups: caller.Groups().ToList());
        if (requester.Kind == RequesterKind.Agent)
            return new CallerResponse(AgentClaimTypes.AgentKind, requester.Name, Owner: requester.Owner, AllowedRunbooks: caller.FindAll(AgentClaimTypes.Runbook).Select(c => c.Value).ToList());
        return new CallerResponse(requester.Kind.ToString().ToLowerInvariant(), requester.Name);
    }
}
