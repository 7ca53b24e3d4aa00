using System.Security.Claims;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Server.Identity;

namespace RunbookOrchestrator.Server.Approvals;

/// <summary>The authenticated caller as a reviewer: kind, name and groups from the token's claims.</summary>
internal static class ReviewerPrincipal
{
    public const string GroupClaim = "rbo:group";

    public static Reviewer ToReviewer(this ClaimsPrincipal principal) => new(
        principal.FindFirst(AgentClaimTypes.Kind)?.Value ?? "unknown",
        HumanNames.Normalize(principal.FindFirst(AgentClaimTypes.Name)?.Value ?? ""),
        HumanNames.NormalizeGroups(principal.FindAll(GroupClaim).Select(c => c.Value)));
}
