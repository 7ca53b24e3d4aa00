using RunbookOrchestrator.Server.Persistence;

namespace RunbookOrchestrator.Server.Cli;

/// <summary>The database that the administrative commands work on: the server's own, under <c>$RBO_DATA_DIR</c>.</summary>
internal static class CliDatabase
{
    /// <summary>Where the file is, for messages that must say which database a command could not use.</summary>
    public static string Path => System.IO.Path.Combine(OrchestratorDatabase.DataDirectory(), OrchestratorDatabase.FileName);

    /// <summary>Opens it with the schema brought up to date, creating the data folder on a machine where the server never ran.</summary>
    public static async Task<OrchestratorDbContext> OpenAsync()
    {
        var dataDir = OrchestratorDatabase.DataDirectory();
        Directory.CreateDirectory(dataDir);
        var db = new OrchestratorDbContext(OrchestratorDatabase.SqliteOptions(dataDir));
        await OrchestratorDatabase.EnsureSchemaAsync(db);
        return db;
    }
}
