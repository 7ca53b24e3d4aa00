using System.Security.Claims;

namespace RunbookOrchestrator.Server.Policy;

/// <summary>The groups a caller belongs to, as policy rules see them: role claims and <c>group</c>/<c>groups</c> claims.</summary>
public static class RequesterGroups
{
    public static IReadOnlyList<string> Of(ClaimsPrincipal principal) =>
        principal.Claims
            .Where(c => c.Type is ClaimTypes.Role or "group" or "groups")
            .Select(c => c.Value)
            .Where(v => v.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
