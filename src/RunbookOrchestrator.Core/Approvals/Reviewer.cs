namespace RunbookOrchestrator.Approvals;

/// <summary>Someone asking to decide a gate, as authenticated: kind (<c>human</c> or <c>agent</c>), name and group memberships.</summary>
public sealed record Reviewer(string Kind, string Name, IReadOnlyList<string> Groups)
{
    public bool IsHuman => Kind == "human";
}
