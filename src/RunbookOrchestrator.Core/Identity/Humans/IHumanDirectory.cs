namespace RunbookOrchestrator.Identity.Humans;

/// <summary>Who the humans are and which groups they belong to: users from configuration merged with users in the database (the database wins).</summary>
public interface IHumanDirectory
{
    /// <summary>The user with this name (case-insensitive), disabled ones included, or null.</summary>
    Task<HumanUser?> FindByNameAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Groups of the user, sorted; empty for an unknown user.</summary>
    Task<IReadOnlyList<string>> GroupsOfAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Names of the enabled users in <paramref name="group"/>, sorted.</summary>
    Task<IReadOnlyList<string>> MembersOfAsync(string group, CancellationToken cancellationToken = default);

    /// <summary>Every user, sorted by name.</summary>
    Task<IReadOnlyList<HumanUser>> ListAsync(CancellationToken cancellationToken = default);
}
