using RunbookOrchestrator.Expressions;

namespace RunbookOrchestrator.Policy;

/// <summary>Evaluates one <see cref="PolicyDocument"/>: the first rule whose match and <c>when</c> hold decides; a privileged
/// action no rule covers needs the runbook owners' approval. Pure: no I/O, no clock.</summary>
public sealed class PolicyEvaluator(PolicyDocument document, IExpressionEvaluator expressions) : IPolicyEvaluator
{
    /// <summary>Rule id of the fail-safe decision for a privileged action no rule covers.</summary>
    public const string DefaultRuleId = "default:privileged-needs-owners";

    /// <summary>Suffix of the rule id reported when a rule's <c>when</c> could not be evaluated.</summary>
    public const string ErrorSuffix = ":error";

    public PolicyDocument Document => document;

    public PolicyDecision Evaluate(ActionContext action)
    {
        var environment = EnvironmentOf(action);
        foreach (var rule in document.Rules)
            if (Apply(rule, action, environment) is { } decision) return decision;
        return Uncovered(action);
    }

    /// <summary>The action's environment, or the policy file's default when the action carries none.</summary>
    public string EnvironmentOf(ActionContext action) =>
        string.IsNullOrEmpty(action.Environment) ? document.Environment ?? "" : action.Environment;

    /// <summary>What <paramref name="rule"/> decides for the action, or null when it does not match.
    /// A <c>when</c> that fails to evaluate never lets the action through: a deny rule denies, any other rule asks the owners
    /// (rule id <c>&lt;id&gt;:error</c>, the error in the gate's context).</summary>
    public PolicyDecision? Apply(PolicyRule rule, ActionContext action, string environment)
    {
        if (!RuleMatcher.Matches(rule.Match, action, environment)) return null;
        if (rule.When is { } when)
        {
            try
            {
                if (!expressions.EvaluateCondition(when, PolicyScope.For(action, environment))) return null;
            }
            catch (ExpressionException ex)
            {
                var problem = $"policy rule '{rule.Id}' could not be evaluated: {ex.Message.Replace("{{", "{ {", StringComparison.Ordinal)}";
                return rule.Effect is RuleEffect.Deny deny
                    ? new PolicyDecision.Deny(rule.Id + ErrorSuffix, $"{deny.Message} ({problem})")
                    : OwnersApproval(rule.Id + ErrorSuffix, action, $"The {problem}. Approve only if this action is expected.");
            }
        }
        return EffectOf(rule, action);
    }

    /// <summary>What the rule's effect decides for the action, its conditions aside.</summary>
    public static PolicyDecision EffectOf(PolicyRule rule, ActionContext action) =>
        rule.Effect switch
        {
            RuleEffect.Allow => new PolicyDecision.Allow(rule.Id),
            RuleEffect.Deny d => new PolicyDecision.Deny(rule.Id, d.Message),
            RuleEffect.RequireApproval { Gate.Approvers.Count: 0 } r => OwnersApproval(rule.Id, action, r.Gate.ContextTemplate, r.Gate),
            RuleEffect.RequireApproval r => new PolicyDecision.RequireApproval(rule.Id, r.Gate),
            _ => throw new InvalidOperationException($"unhandled rule effect {rule.Effect.GetType().Name}"),
        };

    /// <summary>The decision when no rule matched: privileged actions need their owners, the rest run.</summary>
    public static PolicyDecision Uncovered(ActionContext action) =>
        action.Privileged is null
            ? new PolicyDecision.Allow(null)
            : OwnersApproval(DefaultRuleId, action, null);

    // With nobody to ask, a gate could never open; refusing says so at once instead of waiting for a timeout.
    private static PolicyDecision OwnersApproval(string ruleId, ActionContext action, string? context, Approvals.GateSpec? gate = null)
    {
        var approvers = OwnersGate.Approvers(action.Runbook);
        if (approvers.Count == 0)
            return new PolicyDecision.Deny(ruleId,
                $"step '{action.Step.Id}' needs approval by the owners of runbook '{action.Runbook.Id}', but the runbook names no owners");
        return new PolicyDecision.RequireApproval(ruleId,
            (gate ?? OwnersGate.For(action.Runbook)) with { Approvers = approvers, ContextTemplate = context });
    }
}
