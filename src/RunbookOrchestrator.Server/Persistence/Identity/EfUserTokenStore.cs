using Microsoft.EntityFrameworkCore;
using RunbookOrchestrator.Identity;
using RunbookOrchestrator.Identity.Humans;

namespace RunbookOrchestrator.Server.Persistence.Identity;

/// <summary><see cref="IUserTokenStore"/> on the orchestrator database (table <c>user_tokens</c>).</summary>
public sealed class EfUserTokenStore(OrchestratorDbContext db, TimeProvider clock) : IUserTokenStore
{
    public EfUserTokenStore(OrchestratorDbContext db) : this(db, TimeProvider.System)
    {
    }

    public async Task<UserToken> CreateAsync(string id, string userName, string rawToken, string label, CancellationToken cancellationToken = default)
    {
        if (HumanNames.Problem("user name", HumanNames.Normalize(userName)) is { } problem) throw new ArgumentException(problem, nameof(userName));
        if (string.IsNullOrWhiteSpace(rawToken)) throw new ArgumentException("token must not be empty", nameof(rawToken));
        var hash = SecretTokenFormat.Hash(rawToken);
        if (await db.Set<UserTokenEntity>().AnyAsync(t => t.TokenHash == hash, cancellationToken))
            throw new InvalidOperationException("this token is already in use; choose another");
        var entity = new UserTokenEntity
        {
            Id = id,
            UserName = HumanNames.Normalize(userName),
            Label = string.IsNullOrWhiteSpace(label) ? "cli" : label.Trim(),
            TokenHash = hash,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Set<UserTokenEntity>().Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(entity).State = EntityState.Detached;
        return ToToken(entity);
    }

    public async Task<StoredUserToken?> FindByIdAsync(string id, CancellationToken cancellationToken = default)
    {
        var entity = await db.Set<UserTokenEntity>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        return entity is null ? null : new StoredUserToken(ToToken(entity), entity.TokenHash);
    }

    // Compiled: every request a person makes with a token looks it up.
    private static readonly ModelBoundQuery<byte[], UserTokenEntity?> TokenByHash = new(() =>
        EF.CompileAsyncQuery((OrchestratorDbContext db, byte[] hash, CancellationToken _) => db.Set<UserTokenEntity>().AsNoTracking().FirstOrDefault(t => t.TokenHash == hash))!);

    public async Task<StoredUserToken?> FindByTokenAsync(string presented, CancellationToken cancellationToken = default)
    {
        var hash = SecretTokenFormat.Hash(presented);
        var entity = await TokenByHash.RunAsync(db, hash, cancellationToken);
        // The index lookup already matched; the constant-time check keeps the verification step uniform with agent keys.
        return entity is not null && SecretTokenFormat.HashesMatch(hash, entity.TokenHash)
            ? new StoredUserToken(ToToken(entity), entity.TokenHash)
            : null;
    }

    public async Task<IReadOnlyList<UserToken>> ListAsync(string? userName = null, CancellationToken cancellationToken = default)
    {
        var query = db.Set<UserTokenEntity>().AsNoTracking();
        if (userName is not null)
        {
            var name = HumanNames.Normalize(userName);
            query = query.Where(t => t.UserName == name);
        }
        // Token lists are small; ordering DateTimeOffset in memory avoids provider differences.
        var entities = await query.ToListAsync(cancellationToken);
        return entities.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id, StringComparer.Ordinal).Select(ToToken).ToList();
    }

    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        var entity = await db.Set<UserTokenEntity>().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (entity is null) return false;
        entity.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(entity).State = EntityState.Detached;
        return true;
    }

    private static UserToken ToToken(UserTokenEntity e) => new(e.Id, e.UserName, e.Label, e.CreatedAt, e.RevokedAt);
}
