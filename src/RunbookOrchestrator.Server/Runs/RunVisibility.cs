using System.Security.Claims;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Server.Approvals;
using RunbookOrchestrator.Server.Hosting;
using RunbookOrchestrator.Server.Identity;

namespace RunbookOrchestrator.Server.Runs;

/// <summary>Who sees which runs, in the API and the designer alike: an agent its own; a person their own, every run waiting on a
/// gate they may decide now, and every run when they are in the operators group (<c>Orchestrator:OperatorsGroup</c>).</summary>
public sealed class RunVisibility(IApprovalStore approvals, OrchestratorOptions options)
{
    /// <summary>Pending gates looked at per person: far more than anyone is asked to decide at once.</summary>
    private const int MaxPendingGates = 500;

    public bool IsOperator(ClaimsPrincipal caller)
    {
        var reviewer = caller.ToReviewer();
        return reviewer.IsHuman && reviewer.Groups.Any(g => HumanNames.Same(g, options.OperatorsGroup));
    }

    public async Task<bool> MaySeeAsync(ClaimsPrincipal caller, string requesterKind, string requesterName, string runId, CancellationToken cancellationToken)
    {
        var me = caller.ToRequester();
        if (string.Equals(me.Kind.ToString(), requesterKind, StringComparison.OrdinalIgnoreCase) && HumanNames.Same(me.Name, requesterName)) return true;
        if (IsOperator(caller)) return true;
        return (await DecidableRunIdsAsync(caller, cancellationToken)).Contains(runId);
    }

    /// <summary><paramref name="query"/> narrowed to what <paramref name="caller"/> may see.</summary>
    public async Task<RunQuery> ScopeAsync(ClaimsPrincipal caller, RunQuery query, CancellationToken cancellationToken)
    {
        if (IsOperator(caller)) return query with { Requester = null, OrRunIds = null };
        var decidable = await DecidableRunIdsAsync(caller, cancellationToken);
        return query with { Requester = caller.ToRequester(), OrRunIds = decidable.Count == 0 ? null : decidable };
    }

    private async Task<HashSet<string>> DecidableRunIdsAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var reviewer = caller.ToReviewer();
        if (!reviewer.IsHuman) return [];
        var page = await approvals.QueryAsync(new ApprovalQuery(reviewer, GateStatus.Pending, Limit: MaxPendingGates), cancellationToken);
        return page.Items.Where(g => DecisionRules.WhyNot(g, reviewer) is null).Select(g => g.RunId).ToHashSet(StringComparer.Ordinal);
    }
}
