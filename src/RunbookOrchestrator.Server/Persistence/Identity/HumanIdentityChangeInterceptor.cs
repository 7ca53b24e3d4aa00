using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RunbookOrchestrator.Server.Identity.Humans;

namespace RunbookOrchestrator.Server.Persistence.Identity;

/// <summary>Empties <see cref="HumanIdentityCache"/> whenever this process saves a change to users, their groups or their
/// tokens, whichever code saves it (the stores, sign-in by a provider, the CLI's commands run in-process): before the save
/// and again after it, so a read that raced the change is not kept.</summary>
public sealed class HumanIdentityChangeInterceptor(HumanIdentityCache cache) : SaveChangesInterceptor
{
    private static readonly object Marker = new();
    private readonly ConditionalWeakTable<DbContext, object> _touched = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Before(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Before(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        After(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        After(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => After(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        After(eventData.Context);
        return Task.CompletedTask;
    }

    private void Before(DbContext? context)
    {
        if (context is null || !TouchesIdentity(context)) return;
        _touched.AddOrUpdate(context, Marker);
        cache.Clear();
    }

    private void After(DbContext? context)
    {
        if (context is null || !_touched.Remove(context)) return;
        cache.Clear();
    }

    private static bool TouchesIdentity(DbContext context)
    {
        foreach (var entry in context.ChangeTracker.Entries())
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && entry.Entity is HumanUserEntity or UserGroupEntity or UserTokenEntity)
                return true;
        return false;
    }
}
