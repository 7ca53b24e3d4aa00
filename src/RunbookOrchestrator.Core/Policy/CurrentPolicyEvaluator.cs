using RunbookOrchestrator.Expressions;

namespace RunbookOrchestrator.Policy;

/// <summary>The <see cref="IPolicyEvaluator"/> the engine uses: always the catalog's current valid policy.</summary>
public sealed class CurrentPolicyEvaluator(PolicyCatalog catalog, IExpressionEvaluator expressions) : IPolicyEvaluator
{
    public PolicyDecision Evaluate(ActionContext action) => EvaluateBound(action).Decision;

    /// <summary>Evaluates against one snapshot of the policy and returns its hash with the decision; a reload in between cannot mix them up.</summary>
    public PolicyVerdict EvaluateBound(ActionContext action)
    {
        var policy = catalog.Current;
        if (string.IsNullOrEmpty(action.Environment)) action = action with { Environment = catalog.Environment };
        return new PolicyVerdict(new PolicyEvaluator(policy, expressions).Evaluate(action), policy.Hash);
    }
}
