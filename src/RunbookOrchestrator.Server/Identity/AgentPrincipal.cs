using System.Security.Claims;
using RunbookOrchestrator.Identity;
using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Runtime;

namespace RunbookOrchestrator.Server.Identity;

/// <summary>Turning agent keys into claims and claims back into a <see cref="Requester"/>.</summary>
public static class AgentPrincipal
{
    /// <summary>The claims identity of an authenticated agent key.</summary>
    public static ClaimsIdentity Identity(AgentKey key, string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(AgentClaimTypes.Kind, AgentClaimTypes.AgentKind),
            new(AgentClaimTypes.Name, key.AgentName),
            new(AgentClaimTypes.Owner, key.Owner),
            new(AgentClaimTypes.KeyId, key.Id),
        };
        claims.AddRange(key.AllowedRunbooks.Select(r => new Claim(AgentClaimTypes.Runbook, r)));
        return new ClaimsIdentity(claims, authenticationType, AgentClaimTypes.Name, ClaimTypes.Role);
    }

    /// <summary>The requester behind this principal: an agent (with its owner) or, for other schemes, a human. Throws for an unauthenticated principal.</summary>
    public static Requester ToRequester(this ClaimsPrincipal principal)
    {
        if (principal.FindFirstValue(AgentClaimTypes.Kind) == AgentClaimTypes.AgentKind)
            return new Requester(RequesterKind.Agent, HumanNames.Normalize(principal.FindFirstValue(AgentClaimTypes.Name) ?? "unknown-agent"),
                principal.FindFirstValue(AgentClaimTypes.Owner) is { } owner ? HumanNames.Normalize(owner) : null);
        if (principal.IsHuman() && principal.FindFirstValue(AgentClaimTypes.Name) is { Length: > 0 } human)
            return new Requester(RequesterKind.Human, HumanNames.Normalize(human));
        var name = principal.Identity?.IsAuthenticated == true
            ? principal.Identity.Name ?? principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.FindFirstValue("sub")
            : null;
        // Every run must name who asked for it; an anonymous caller reaching here is a wiring mistake, not bad input.
        return name is null
            ? throw new InvalidOperationException("The request has no authenticated identity; protect this endpoint with RequireAuthorization().")
            : new Requester(RequesterKind.Human, HumanNames.Normalize(name));
    }

    /// <summary>True unless this is an agent whose key is not scoped to <paramref name="runbookId"/>. Humans are judged by policy, not here.</summary>
    public static bool MayTrigger(this ClaimsPrincipal principal, string runbookId)
    {
        if (principal.FindFirstValue(AgentClaimTypes.Kind) != AgentClaimTypes.AgentKind) return true;
        return principal.FindAll(AgentClaimTypes.Runbook).Any(c => c.Value == AgentKey.AllRunbooks || c.Value == runbookId);
    }

    /// <summary>True when this principal is a human authenticated with a personal token.</summary>
    public static bool IsHuman(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(AgentClaimTypes.Kind) == AgentClaimTypes.HumanKind;

    /// <summary>The groups of a human principal, sorted as issued; empty for agents.</summary>
    public static IReadOnlyList<string> Groups(this ClaimsPrincipal principal) =>
        principal.FindAll(AgentClaimTypes.Group).Select(c => c.Value).ToList();
}
