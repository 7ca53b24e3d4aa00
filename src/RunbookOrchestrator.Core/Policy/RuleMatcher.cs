namespace RunbookOrchestrator.Policy;

/// <summary>Checks the static <c>match</c> block of a rule against an action.</summary>
public static class RuleMatcher
{
    public static bool Matches(RuleMatch match, ActionContext action, string environment) =>
        GlobPattern.AnyMatch(match.Activities, action.ActivityType)
        && MatchesPrivilege(match.Privileged, action.Privileged)
        && GlobPattern.AnyMatch(match.Targets, action.Target)
        && GlobPattern.AnyMatch(match.Environments, environment)
        && (match.Classifications.Count == 0 || action.InputClassifications.Any(match.Classifications.Contains))
        && GlobPattern.AnyMatch(match.Runbooks, action.Runbook.Id)
        && GlobPattern.AnyMatch(match.Steps, action.Step.Id)
        && MatchesRequester(match.Requester, action);

    private static bool MatchesPrivilege(IReadOnlyList<string> patterns, string? privileged) =>
        patterns.Count == 0 || patterns.Any(p => p switch
        {
            "none" => privileged is null,
            "any" => privileged is not null,
            _ => GlobPattern.IsMatch(p, privileged),
        });

    private static bool MatchesRequester(RequesterMatch match, ActionContext action) =>
        (match.Kinds.Count == 0 || match.Kinds.Contains(action.Requester.Kind.ToString().ToLowerInvariant()))
        && GlobPattern.AnyMatch(match.Names, action.Requester.Name)
        && (match.Groups.Count == 0 || action.RequesterGroups.Any(g => match.Groups.Any(p => GlobPattern.IsMatch(p, g))));
}
