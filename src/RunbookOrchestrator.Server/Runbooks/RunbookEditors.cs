using System.Security.Claims;
using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Server.Hosting;
using RunbookOrchestrator.Server.Identity;

namespace RunbookOrchestrator.Server.Runbooks;

/// <summary>Who may open a runbook's source and publish a new version: people in the designers group
/// (<c>Orchestrator:DesignersGroup</c>), never agents. The source may hold defaults the API withholds from others.</summary>
public static class RunbookEditors
{
    public static bool MayEdit(this ClaimsPrincipal caller, OrchestratorOptions options) =>
        caller.IsHuman() && caller.Groups().Any(g => HumanNames.Same(g, options.DesignersGroup));
}
