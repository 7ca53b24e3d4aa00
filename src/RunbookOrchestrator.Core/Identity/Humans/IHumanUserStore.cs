namespace RunbookOrchestrator.Identity.Humans;

/// <summary>The users kept in the database, as managed by the CLI and the bootstrapper. Reads that should see configured users too go through <see cref="IHumanDirectory"/>.</summary>
public interface IHumanUserStore
{
    /// <summary>The database user with this name, or null.</summary>
    Task<HumanUser?> FindAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Adds a new user; throws <see cref="ArgumentException"/> when invalid and <see cref="InvalidOperationException"/> when the name is taken.</summary>
    Task<HumanUser> AddAsync(HumanUser user, CancellationToken cancellationToken = default);

    /// <summary>Replaces the user's groups; false when the user is not in the database.</summary>
    Task<bool> SetGroupsAsync(string name, IReadOnlyList<string> groups, CancellationToken cancellationToken = default);

    /// <summary>Adds the groups the user is not yet in, keeping the others; false when the user is not in the database.</summary>
    Task<bool> AddGroupsAsync(string name, IReadOnlyList<string> groups, CancellationToken cancellationToken = default);

    /// <summary>Disables (or re-enables) the user; false when the user is not in the database.</summary>
    Task<bool> SetDisabledAsync(string name, bool disabled, CancellationToken cancellationToken = default);

    /// <summary>All database users, sorted by name.</summary>
    Task<IReadOnlyList<HumanUser>> ListAsync(CancellationToken cancellationToken = default);
}
