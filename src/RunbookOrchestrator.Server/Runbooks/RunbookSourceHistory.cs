using Microsoft.EntityFrameworkCore;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Server.Persistence.Runbooks;

namespace RunbookOrchestrator.Server.Runbooks;

/// <summary>Every text each runbook had, designer saves and file changes alike, oldest first.</summary>
public sealed class RunbookSourceHistory(IDbContextFactory<OrchestratorDbContext> contexts)
{
    // Saves and file-change recording both read the latest entry and append: one at a time, so neither records twice.
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Holds the history for a read-then-append; dispose to release.</summary>
    public async Task<IDisposable> LockAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Release(_gate);
    }

    public async Task<RunbookSourceEntity?> LatestAsync(string runbookId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<RunbookSourceEntity>().AsNoTracking().Where(s => s.RunbookId == runbookId)
            .OrderByDescending(s => s.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The entries of a runbook, newest first, without their texts.</summary>
    public async Task<IReadOnlyList<RunbookSourceEntity>> ListAsync(string runbookId, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<RunbookSourceEntity>().AsNoTracking().Where(s => s.RunbookId == runbookId)
            .OrderByDescending(s => s.Id).Take(limit)
            .Select(s => new RunbookSourceEntity
            {
                Id = s.Id, RunbookId = s.RunbookId, Version = s.Version, DefinitionHash = s.DefinitionHash, TextHash = s.TextHash,
                Origin = s.Origin, SavedBy = s.SavedBy, SavedAt = s.SavedAt,
            })
            .ToListAsync(cancellationToken);
    }

    public async Task<RunbookSourceEntity?> FindAsync(string runbookId, long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<RunbookSourceEntity>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.RunbookId == runbookId, cancellationToken);
    }

    public async Task<long> AppendAsync(RunbookSourceEntity entry, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return entry.Id;
    }

    public async Task RemoveAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<RunbookSourceEntity>().Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
