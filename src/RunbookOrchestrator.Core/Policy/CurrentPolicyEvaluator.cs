using RunbookOrchestrator.Expressions;

namespace RunbookOrchestrator.Policy;

/// <summary>The <see cref="IPolicyEvaluator"/> the engine uses: always the catalog's current valid policy.</summary>
public sealed class CurrentPolicyEvaluator(PolicyCatalog catalog, IExpressionEvaluator expressions) : IPolicyEvaluator
{
    public PolicyDecision Evaluate(ActionContext action)
    {
        if (string.IsNullOrEmpty(action.Environment)) action = action with { Environment = catalog.Environment };
        return new PolicyEvaluator(catalog.Current, expressions).Evaluate(action);
    }
}
