using Microsoft.EntityFrameworkCore;
using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Server.Identity.Humans;

namespace RunbookOrchestrator.Server.Persistence.Identity;

/// <summary><see cref="IHumanDirectory"/> over configured users and database users; a user in the database replaces a configured one of the same name entirely.</summary>
public sealed class EfHumanDirectory(OrchestratorDbContext db, ConfiguredHumans configured) : IHumanDirectory
{
    // Compiled: every request a person makes looks them (and their groups) up.
    private static readonly ModelBoundQuery<string, HumanUserEntity?> UserByName = new(() =>
        EF.CompileAsyncQuery((OrchestratorDbContext db, string key, CancellationToken _) =>
            db.Set<HumanUserEntity>().AsNoTracking().Include(u => u.Groups).FirstOrDefault(u => u.Name == key))!);

    public async Task<HumanUser?> FindByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        var key = HumanNames.Normalize(name);
        var entity = await UserByName.RunAsync(db, key, cancellationToken);
        return entity is not null
            ? EfHumanUserStore.ToUser(entity)
            : configured.Users.FirstOrDefault(u => u.Name == key);
    }

    public async Task<IReadOnlyList<string>> GroupsOfAsync(string name, CancellationToken cancellationToken = default) =>
        (await FindByNameAsync(name, cancellationToken))?.Groups ?? [];

    public async Task<IReadOnlyList<string>> MembersOfAsync(string group, CancellationToken cancellationToken = default)
    {
        var key = HumanNames.Normalize(group);
        var all = await ListAsync(cancellationToken);
        return all.Where(u => !u.Disabled && u.Groups.Contains(key, StringComparer.Ordinal)).Select(u => u.Name).ToList();
    }

    public async Task<IReadOnlyList<HumanUser>> ListAsync(CancellationToken cancellationToken = default)
    {
        // Directories are small (people, not rows of data), so merging in memory keeps "database wins" in one obvious place.
        var stored = await db.Set<HumanUserEntity>().AsNoTracking().Include(u => u.Groups).ToListAsync(cancellationToken);
        var merged = configured.Users.ToDictionary(u => u.Name, StringComparer.Ordinal);
        foreach (var entity in stored) merged[entity.Name] = EfHumanUserStore.ToUser(entity);
        return merged.Values.OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
    }
}
