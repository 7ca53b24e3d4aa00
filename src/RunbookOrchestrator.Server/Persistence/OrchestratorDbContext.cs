using Microsoft.EntityFrameworkCore;

namespace RunbookOrchestrator.Server.Persistence;

/// <summary>The one database of the orchestrator (SQLite by default, PostgreSQL for scale-out).
/// Each area adds its entities through an <see cref="IEntityTypeConfiguration{TEntity}"/> in this assembly.</summary>
public sealed class OrchestratorDbContext(DbContextOptions<OrchestratorDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OrchestratorDbContext).Assembly);
}
