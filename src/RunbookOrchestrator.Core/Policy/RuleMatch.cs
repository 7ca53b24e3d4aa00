using RunbookOrchestrator.Definitions;

namespace RunbookOrchestrator.Policy;

/// <summary>The static part of a rule's condition. Every list is any-of; an empty list matches anything. Patterns may use <c>*</c>.</summary>
/// <param name="Privileged">Tag patterns, plus the words <c>none</c> (untagged) and <c>any</c> (any tag).</param>
public sealed record RuleMatch(
    IReadOnlyList<string> Activities,
    IReadOnlyList<string> Privileged,
    IReadOnlyList<string> Targets,
    IReadOnlyList<string> Environments,
    IReadOnlyList<DataClassification> Classifications,
    IReadOnlyList<string> Runbooks,
    IReadOnlyList<string> Steps,
    RequesterMatch Requester)
{
    /// <summary>Matches every action.</summary>
    public static RuleMatch Any { get; } = new([], [], [], [], [], [], [], RequesterMatch.Any);
}

/// <summary>Who asked: kinds (<c>agent</c>, <c>human</c>, <c>system</c>), name patterns and group patterns; each any-of, empty = anyone.</summary>
public sealed record RequesterMatch(IReadOnlyList<string> Kinds, IReadOnlyList<string> Names, IReadOnlyList<string> Groups)
{
    /// <summary>Matches every requester.</summary>
    public static RequesterMatch Any { get; } = new([], [], []);
}
