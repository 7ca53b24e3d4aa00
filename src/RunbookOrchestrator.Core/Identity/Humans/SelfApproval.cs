using RunbookOrchestrator.Runtime;

namespace RunbookOrchestrator.Identity.Humans;

/// <summary>The always-on rule that nobody approves their own request: neither the human who asked, nor the owner of the agent that asked.</summary>
public static class SelfApproval
{
    /// <summary>True when <paramref name="approver"/> may not decide on a request made by <paramref name="requester"/>.</summary>
    public static bool Forbids(Requester requester, string approver)
    {
        return requester.Kind switch
        {
            RequesterKind.Human => HumanNames.Same(requester.Name, approver),
            RequesterKind.Agent => HumanNames.Same(requester.Owner, approver),
            _ => false,
        };
    }
}
