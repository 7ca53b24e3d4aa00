using Microsoft.EntityFrameworkCore;
using RunbookOrchestrator.Identity.Humans;

namespace RunbookOrchestrator.Server.Persistence.Identity;

/// <summary><see cref="IHumanUserStore"/> on the orchestrator database (tables <c>users</c> and <c>user_groups</c>).</summary>
public sealed class EfHumanUserStore(OrchestratorDbContext db, TimeProvider clock) : IHumanUserStore
{
    public EfHumanUserStore(OrchestratorDbContext db) : this(db, TimeProvider.System)
    {
    }

    public async Task<HumanUser?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        var key = HumanNames.Normalize(name);
        var entity = await Users().FirstOrDefaultAsync(u => u.Name == key, cancellationToken);
        return entity is null ? null : ToUser(entity);
    }

    public async Task<HumanUser> AddAsync(HumanUser user, CancellationToken cancellationToken = default)
    {
        var normalized = user with
        {
            Name = HumanNames.Normalize(user.Name),
            DisplayName = string.IsNullOrWhiteSpace(user.DisplayName) ? HumanNames.Normalize(user.Name) : user.DisplayName.Trim(),
            Email = string.IsNullOrWhiteSpace(user.Email) ? null : user.Email.Trim(),
            Groups = HumanNames.NormalizeGroups(user.Groups),
        };
        if (normalized.Problems() is { Count: > 0 } problems)
            throw new ArgumentException("Invalid user: " + string.Join("; ", problems), nameof(user));
        if (await db.Set<HumanUserEntity>().AnyAsync(u => u.Name == normalized.Name, cancellationToken))
            throw new InvalidOperationException($"user '{normalized.Name}' already exists");
        var entity = new HumanUserEntity
        {
            Name = normalized.Name,
            DisplayName = normalized.DisplayName,
            Email = normalized.Email,
            Disabled = normalized.Disabled,
            CreatedAt = clock.GetUtcNow(),
            Groups = normalized.Groups.Select(g => new UserGroupEntity { UserName = normalized.Name, GroupName = g }).ToList(),
        };
        db.Set<HumanUserEntity>().Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return normalized;
    }

    public Task<bool> SetGroupsAsync(string name, IReadOnlyList<string> groups, CancellationToken cancellationToken = default) =>
        ChangeGroupsAsync(name, groups, replace: true, cancellationToken);

    public Task<bool> AddGroupsAsync(string name, IReadOnlyList<string> groups, CancellationToken cancellationToken = default) =>
        ChangeGroupsAsync(name, groups, replace: false, cancellationToken);

    public async Task<bool> SetDisabledAsync(string name, bool disabled, CancellationToken cancellationToken = default)
    {
        var key = HumanNames.Normalize(name);
        var entity = await db.Set<HumanUserEntity>().FirstOrDefaultAsync(u => u.Name == key, cancellationToken);
        if (entity is null) return false;
        entity.Disabled = disabled;
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }

    public async Task<IReadOnlyList<HumanUser>> ListAsync(CancellationToken cancellationToken = default)
    {
        var entities = await Users().ToListAsync(cancellationToken);
        return entities.OrderBy(u => u.Name, StringComparer.Ordinal).Select(ToUser).ToList();
    }

    private async Task<bool> ChangeGroupsAsync(string name, IReadOnlyList<string> groups, bool replace, CancellationToken cancellationToken)
    {
        var key = HumanNames.Normalize(name);
        var wanted = HumanNames.NormalizeGroups(groups);
        if (wanted.Select(g => HumanNames.Problem("group", g)).OfType<string>().ToList() is { Count: > 0 } problems)
            throw new ArgumentException(string.Join("; ", problems), nameof(groups));
        var entity = await db.Set<HumanUserEntity>().Include(u => u.Groups).FirstOrDefaultAsync(u => u.Name == key, cancellationToken);
        if (entity is null) return false;
        if (replace) entity.Groups.RemoveAll(g => !wanted.Contains(g.GroupName, StringComparer.Ordinal));
        foreach (var group in wanted.Where(g => entity.Groups.All(existing => existing.GroupName != g)))
            entity.Groups.Add(new UserGroupEntity { UserName = key, GroupName = group });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }

    private IQueryable<HumanUserEntity> Users() => db.Set<HumanUserEntity>().AsNoTracking().Include(u => u.Groups);

    internal static HumanUser ToUser(HumanUserEntity e) =>
        new(e.Name, e.DisplayName, e.Email, HumanNames.NormalizeGroups(e.Groups.Select(g => g.GroupName)), e.Disabled);
}
