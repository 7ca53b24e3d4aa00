using System.Text.Json.Nodes;
using RunbookOrchestrator.Activities;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Expressions;
using RunbookOrchestrator.Runtime;

namespace RunbookOrchestrator.Policy;

/// <summary>Answers "which steps of this runbook would pause or be refused, and by which rule" before anything runs.
/// Parameters are not rendered yet, so a rule whose <c>when</c> or <c>target</c> reads a templated parameter is reported as
/// depending on runtime values rather than guessed.</summary>
public sealed class PolicyExplainer(IExpressionEvaluator expressions, IActivityRegistry activities)
{
    private const string ParametersPath = "action.parameters";

    public RunbookExplanation Explain(RunbookDefinition runbook, PolicyDocument policy, Requester requester, IReadOnlyList<string> requesterGroups, string environment)
    {
        var evaluator = new PolicyEvaluator(policy, expressions);
        var steps = runbook.Steps.Select(step =>
            ExplainStep(evaluator, ActionContextFactory.Create(runbook, step, step.With, requester, requesterGroups, environment, activities))).ToList();
        return new RunbookExplanation(runbook.Id, policy.Hash, string.IsNullOrEmpty(environment) ? policy.Environment ?? "" : environment, steps);
    }

    private StepExplanation ExplainStep(PolicyEvaluator evaluator, ActionContext action)
    {
        var environment = evaluator.EnvironmentOf(action);
        var runtimeRules = new List<PolicyRule>();
        PolicyDecision? decided = null;
        foreach (var rule in evaluator.Document.Rules)
        {
            if (!RuleMatcher.Matches(rule.Match with { Targets = [] }, action, environment)) continue;
            if (ReadsTemplatedValues(rule, action))
            {
                runtimeRules.Add(rule);
                continue;
            }
            if (evaluator.Apply(rule, action, environment) is { } decision)
            {
                decided = decision;
                break;
            }
        }
        var outcome = ExplainedOutcome.From(decided ?? PolicyEvaluator.Uncovered(action));
        if (runtimeRules.Count == 0)
            return new StepExplanation(action.Step.Id, action.ActivityType, action.Privileged, outcome.Decision, outcome.Rule, outcome.Gate, outcome.Message, false, [], null);
        var first = runtimeRules[0];
        var ifMatched = ExplainedOutcome.From(PolicyEvaluator.EffectOf(first, action));
        return new StepExplanation(action.Step.Id, action.ActivityType, action.Privileged, "depends_on_runtime_values", first.Id,
            ifMatched.Gate, ifMatched.Message, true, runtimeRules.Select(r => r.Id).ToList(), outcome);
    }

    private bool ReadsTemplatedValues(PolicyRule rule, ActionContext action)
    {
        var targetParameter = ActionTarget.ParameterOf(action.ActivityType);
        var targetTemplated = targetParameter is not null && IsTemplated(action.Parameters[targetParameter]);
        if (rule.Match.Targets.Count > 0)
        {
            if (targetTemplated) return true;
            if (!GlobPattern.AnyMatch(rule.Match.Targets, action.Target)) return false;
        }
        if (rule.When is null) return false;
        foreach (var path in expressions.ReferencedPaths(rule.When))
        {
            if (path is "action" || path.StartsWith("action.target", StringComparison.Ordinal))
                if (targetTemplated || (path is "action" && IsTemplated(action.Parameters))) return true;
            if (path == ParametersPath && IsTemplated(action.Parameters)) return true;
            if (path.StartsWith(ParametersPath + ".", StringComparison.Ordinal))
            {
                var name = path[(ParametersPath.Length + 1)..].Split('.')[0];
                if (IsTemplated(action.Parameters[name])) return true;
            }
        }
        return false;
    }

    private static bool IsTemplated(JsonNode? node) => node switch
    {
        JsonObject o => o.Any(p => IsTemplated(p.Value)),
        JsonArray a => a.Any(IsTemplated),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>().Contains("{{", StringComparison.Ordinal),
        _ => false,
    };
}
