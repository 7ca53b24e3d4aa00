using System.Security.Claims;
using RunbookOrchestrator.Identity.Humans;

namespace RunbookOrchestrator.Server.Identity.Humans;

/// <summary>The claims identity of a human authenticated with a personal token.</summary>
public static class HumanPrincipal
{
    public static ClaimsIdentity Identity(HumanUser user, string tokenId, string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(AgentClaimTypes.Kind, AgentClaimTypes.HumanKind),
            new(AgentClaimTypes.Name, user.Name),
            new(AgentClaimTypes.TokenId, tokenId),
        };
        claims.AddRange(user.Groups.Select(g => new Claim(AgentClaimTypes.Group, g)));
        return new ClaimsIdentity(claims, authenticationType, AgentClaimTypes.Name, ClaimTypes.Role);
    }
}
