namespace RunbookOrchestrator.Identity.Humans;

/// <summary>
/// A directory read once into memory, for work that asks many questions of it at once (expanding a gate's approvers and
/// finding each one's email): one read instead of a query per group and per person.
/// </summary>
public sealed class HumanDirectorySnapshot : IHumanDirectory
{
    private readonly IReadOnlyList<HumanUser> _users;
    private readonly Dictionary<string, HumanUser> _byName;

    private HumanDirectorySnapshot(IReadOnlyList<HumanUser> users)
    {
        _users = users;
        _byName = users.ToDictionary(u => u.Name, StringComparer.Ordinal);
    }

    /// <summary>Reads every user of <paramref name="directory"/> once.</summary>
    public static async Task<HumanDirectorySnapshot> ReadAsync(IHumanDirectory directory, CancellationToken cancellationToken) =>
        new(await directory.ListAsync(cancellationToken));

    public Task<HumanUser?> FindByNameAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(_byName.GetValueOrDefault(HumanNames.Normalize(name)));

    public Task<IReadOnlyList<string>> GroupsOfAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(_byName.GetValueOrDefault(HumanNames.Normalize(name))?.Groups ?? []);

    public Task<IReadOnlyList<string>> MembersOfAsync(string group, CancellationToken cancellationToken = default)
    {
        var key = HumanNames.Normalize(group);
        return Task.FromResult<IReadOnlyList<string>>(_users.Where(u => !u.Disabled && u.Groups.Contains(key, StringComparer.Ordinal)).Select(u => u.Name).ToList());
    }

    public Task<IReadOnlyList<HumanUser>> ListAsync(CancellationToken cancellationToken = default) => Task.FromResult(_users);
}
