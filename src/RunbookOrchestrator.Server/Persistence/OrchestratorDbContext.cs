using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using RunbookOrchestrator.Runtime.State;
using RunbookOrchestrator.Server.Persistence.Protection;

namespace RunbookOrchestrator.Server.Persistence;

/// <summary>The one database of the orchestrator (SQLite by default, PostgreSQL for scale-out).
/// Each area adds its entities through an <see cref="IEntityTypeConfiguration{TEntity}"/> in this assembly.</summary>
public sealed class OrchestratorDbContext(DbContextOptions<OrchestratorDbContext> options) : DbContext(options)
{
    public DbSet<RunData> Runs => Set<RunData>();
    public DbSet<StepExecutionData> StepExecutions => Set<StepExecutionData>();
    public DbSet<RunSignalData> RunSignals => Set<RunSignalData>();
    public DbSet<RunbookVersionData> RunbookVersions => Set<RunbookVersionData>();
    public DbSet<OutboxMessageData> Outbox => Set<OutboxMessageData>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OrchestratorDbContext).Assembly);
        SnakeCaseNames.Apply(modelBuilder);
        if (this.GetService<IDbContextOptions>().FindExtension<SealedColumnsExtension>() is { } sealing)
            SealedColumns.Apply(modelBuilder, sealing.Box);
    }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        // Pooled contexts must not change their options here; the server's registration already ignores the warning.
        if (IgnoresPendingModelChanges(optionsBuilder.Options)) return;
        IgnorePendingModelChanges(optionsBuilder);
    }

    /// <summary>Migrations are written by hand from the model's own DDL (the EF design-time package is not obtainable here),
    /// so there is no model snapshot to compare with; the schema test checks model and migrations agree instead.</summary>
    public static DbContextOptionsBuilder IgnorePendingModelChanges(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning));

    private static bool IgnoresPendingModelChanges(DbContextOptions options) =>
        options.FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?.WarningsConfiguration
            .GetBehavior(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning)
        == WarningBehavior.Ignore;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no timestamp type; as Unix milliseconds, times compare and sort correctly in SQL.
        if (Database.ProviderName?.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) == true)
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
    }

    private sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.ToUnixTimeMilliseconds(),
        v => DateTimeOffset.FromUnixTimeMilliseconds(v));
}
