namespace RunbookOrchestrator.Identity.Humans;

/// <summary>An approver list turned into people: the enabled users who may decide, and the entries that named nobody.</summary>
/// <param name="Users">Distinct enabled user names, sorted.</param>
/// <param name="Unresolved">Entries that matched no enabled user and no group with members, as written.</param>
public sealed record ResolvedApprovers(IReadOnlyList<string> Users, IReadOnlyList<string> Unresolved)
{
    /// <summary>True when <paramref name="name"/> is one of the resolved users.</summary>
    public bool Includes(string name) => Users.Contains(HumanNames.Normalize(name), StringComparer.Ordinal);
}
