using System.Security.Claims;
using RunbookOrchestrator.Server.Identity;

namespace RunbookOrchestrator.Server.Audit;

/// <summary>Who may read the audit trail: humans in the <c>auditors</c> group. Agents never may, whatever their key allows,
/// because the trail records other callers' requests, reasons and addresses.</summary>
public static class AuditReaders
{
    /// <summary>Claim type carrying one group a human belongs to (issued by the human identity schemes).</summary>
    public const string GroupClaimType = "rbo:group";

    public const string HumanKind = "human";
    public const string AuditorsGroup = "auditors";

    public static bool MayReadAudit(this ClaimsPrincipal caller) =>
        caller.Identity?.IsAuthenticated == true
        && caller.HasClaim(AgentClaimTypes.Kind, HumanKind)
        && caller.HasClaim(GroupClaimType, AuditorsGroup);
}
