using Microsoft.Data.Sqlite;
using RunbookOrchestrator.Server.Persistence;

namespace RunbookOrchestrator.Tests.Identity;

/// <summary>A real orchestrator SQLite file in its own temporary data directory.</summary>
public sealed class TemporaryOrchestratorDatabase : IAsyncDisposable
{
    private TemporaryOrchestratorDatabase(string dataDir) => DataDir = dataDir;

    public string DataDir { get; }

    public static async Task<TemporaryOrchestratorDatabase> CreateAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "rbo-identity-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var database = new TemporaryOrchestratorDatabase(dir);
        await using var db = database.Open();
        await OrchestratorDatabase.EnsureSchemaAsync(db);
        return database;
    }

    public OrchestratorDbContext Open() => new(OrchestratorDatabase.SqliteOptions(DataDir));

    /// <summary>Every byte SQLite wrote for this database (main file, WAL and shared memory).</summary>
    public byte[] AllFileBytes()
    {
        SqliteConnection.ClearAllPools();
        return Directory.GetFiles(DataDir).SelectMany(f =>
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }).ToArray();
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDir, recursive: true); }
        catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
