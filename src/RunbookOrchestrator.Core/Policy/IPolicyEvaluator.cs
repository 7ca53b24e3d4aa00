namespace RunbookOrchestrator.Policy;

/// <summary>The current policy (<c>runbooks/policies.yaml</c>), evaluated at the action boundary.</summary>
public interface IPolicyEvaluator
{
    /// <summary>First matching rule wins. A privileged action no rule covers needs approval by the runbook's owners (fail safe).</summary>
    PolicyDecision Evaluate(ActionContext action);
}
