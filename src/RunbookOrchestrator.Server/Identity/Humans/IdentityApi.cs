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
            .WithSummary("The authenticated caller: kind, name and groups (humans) or owner and runbook scope (agents)");
        return app;
    }

    private static object Describe(ClaimsPrincipal caller)
    {
        var requester = caller.ToRequester();
        if (caller.IsHuman())
            return new { kind = AgentClaimTypes.HumanKind, name = requester.Name, groups = caller.Groups() };
        if (requester.Kind == RequesterKind.Agent)
            return new { kind = AgentClaimTypes.AgentKind, name = requester.Name, owner = requester.Owner, allowed_runbooks = caller.FindAll(AgentClaimTypes.Runbook).Select(c => c.Value).ToList() };
        return new { kind = requester.Kind.ToString().ToLowerInvariant(), name = requester.Name };
    }
}
