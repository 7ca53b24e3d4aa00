using Microsoft.Data.Sqlite;

namespace RunbookOrchestrator.Tests.Durability;

/// <summary>Reads the orchestrator's SQLite file directly, as it was left on disk (e.g. right after the server was killed). Opened read-write so SQLite can recover the WAL of a killed writer.</summary>
public sealed class DatabaseFile(string path)
{
    /// <summary>Run id to status, as the <c>runs</c> table holds them (e.g. <c>Waiting</c>, <c>Succeeded</c>).</summary>
    public async Task<Dictionary<string, string>> RunStatusesAsync()
    {
        var statuses = new Dictionary<string, string>();
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, status FROM runs";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) statuses[reader.GetString(0)] = reader.GetString(1);
        return statuses;
    }

    /// <summary>Every (run, step) whose execution is recorded as succeeded.</summary>
    public async Task<HashSet<(string RunId, string StepId)>> SucceededStepsAsync()
    {
        var steps = new HashSet<(string, string)>();
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT run_id, step_id FROM step_executions WHERE status = 'Succeeded'";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) steps.Add((reader.GetString(0), reader.GetString(1)));
        return steps;
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        // No pooling: the test deletes the folder afterwards and must not keep the file open.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        await connection.OpenAsync();
        return connection;
    }
}
