using RunbookOrchestrator.Activities;
using RunbookOrchestrator.Policy;

namespace RunbookOrchestrator.Server.Policy;

/// <summary>The <c>GET /api/policy</c> body: the policy in force, rule by rule, and the errors of a refused file.</summary>
public sealed record PolicySummary(string File, string Hash, string Environment, IReadOnlyList<RuleSummary> Rules, IReadOnlyList<string> Errors)
{
    public static PolicySummary From(PolicyCatalog catalog) => new(
        Path.GetFileName(catalog.FilePath),
        catalog.Version,
        catalog.Environment,
        catalog.Current.Rules.Select(RuleSummary.From).ToList(),
        catalog.Errors.Select(e => e.ToString()).ToList());
}

/// <summary>One rule as listed by the API: what it matches (as written) and what it does.</summary>
public sealed record RuleSummary(string Id, int Line, IReadOnlyDictionary<string, IReadOnlyList<string>> Match, string? When, string Effect, GateSummary? Gate, string? Message)
{
    public static RuleSummary From(PolicyRule rule)
    {
        var match = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        void Add(string key, IReadOnlyList<string> values)
        {
            if (values.Count > 0) match[key] = values;
        }
        Add("activity", rule.Match.Activities);
        Add("privileged", rule.Match.Privileged);
        Add("target", rule.Match.Targets);
        Add("environment", rule.Match.Environments);
        Add("classification", rule.Match.Classifications.Select(c => c.ToString().ToLowerInvariant()).ToList());
        Add("runbook", rule.Match.Runbooks);
        Add("step", rule.Match.Steps);
        Add("requester.kind", rule.Match.Requester.Kinds);
        Add("requester.name", rule.Match.Requester.Names);
        Add("requester.group", rule.Match.Requester.Groups);
        return rule.Effect switch
        {
            RuleEffect.Deny d => new RuleSummary(rule.Id, rule.Location.Line, match, rule.When, "deny", null, d.Message),
            RuleEffect.RequireApproval r => new RuleSummary(rule.Id, rule.Location.Line, match, rule.When, "require_approval",
                GateSummary.From(r.Gate.Approvers.Count == 0 ? r.Gate with { Approvers = ["(runbook owners)"] } : r.Gate), null),
            _ => new RuleSummary(rule.Id, rule.Location.Line, match, rule.When, "allow", null, null),
        };
    }
}
