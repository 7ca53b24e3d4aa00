using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RunbookOrchestrator.Server.Hosting;
using RunbookOrchestrator.Server.Persistence.Protection;

namespace RunbookOrchestrator.Server.Persistence;

/// <summary>Opening and preparing the orchestrator database; the one place every area calls to get the schema.</summary>
public static class OrchestratorDatabase
{
    public const string FileName = "orchestrator.db";

    /// <summary>Brings the schema up to date. Everybody calls this rather than creating tables themselves.</summary>
    public static async Task EnsureSchemaAsync(OrchestratorDbContext db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
            // WAL lets readers proceed while one writer commits; the setting is stored in the file, so once is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    /// <summary>Options for the embedded SQLite database at <c>{dataDir}/orchestrator.db</c>, run data sealed with the directory's data key.</summary>
    public static DbContextOptions<OrchestratorDbContext> SqliteOptions(string dataDir) =>
        new DbContextOptionsBuilder<OrchestratorDbContext>().UseSqlite(SqliteConnectionString(dataDir)).SealRunData(DataKey.Resolve(dataDir)).Options;

    /// <summary>Connection string with pooling and a busy timeout so concurrent writers wait instead of failing with SQLITE_BUSY.</summary>
    public static string SqliteConnectionString(string dataDir) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(dataDir, FileName),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Default,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary><c>$RBO_DATA_DIR</c>, or <c>data</c> when unset.</summary>
    public static string DataDirectory() =>
        Environment.GetEnvironmentVariable("RBO_DATA_DIR") is { Length: > 0 } dir ? dir : "data";
}
