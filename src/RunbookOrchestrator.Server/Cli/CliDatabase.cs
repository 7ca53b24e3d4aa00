using RunbookOrchestrator.Server.Persistence;

namespace RunbookOrchestrator.Server.Cli;

/// <summary>The database that the administrative commands work on: the server's own, in the console's data folder.</summary>
internal static class CliDatabase
{
    /// <summary>Where the file is, for messages that must say which database a command could not use.</summary>
    public static string PathFor(CliConsole console) => Path.Combine(console.DataDirectory, OrchestratorDatabase.FileName);

    /// <summary>Opens it with the schema brought up to date, creating the data folder on a machine where the server never ran.</summary>
    public static async Task<OrchestratorDbContext> OpenAsync(CliConsole console)
    {
        Directory.CreateDirectory(console.DataDirectory);
        var db = new OrchestratorDbContext(OrchestratorDatabase.SqliteOptions(console.DataDirectory));
        await OrchestratorDatabase.EnsureSchemaAsync(db);
        return db;
    }
}
