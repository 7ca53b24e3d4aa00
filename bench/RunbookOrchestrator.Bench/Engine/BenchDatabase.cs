using Microsoft.Data.Sqlite;

namespace RunbookOrchestrator.Bench.Engine;

/// <summary>Counts runs straight from the server's SQLite file: cheaper and more exact than paging the API while the server is under load.</summary>
public sealed class BenchDatabase(string path)
{
    public async Task<int> CountRunsAsync(string status)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadWrite;Pooling=False;Default Timeout=30");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM runs WHERE Status = $status";
        command.Parameters.AddWithValue("$status", status);
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    /// <summary>Polls until <paramref name="count"/> runs have <paramref name="status"/>; returns when they do, or throws after <paramref name="timeout"/>.</summary>
    public async Task WaitForCountAsync(string status, int count, TimeSpan timeout, TimeSpan pollEvery)
    {
        var deadline = DateTime.UtcNow + timeout;
        int seen;
        while ((seen = await CountRunsAsync(status)) < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"only {seen} of {count} runs reached {status} within {timeout.TotalSeconds:0}s");
            await Task.Delay(pollEvery);
        }
    }
}
