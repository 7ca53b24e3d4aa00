using Microsoft.Data.Sqlite;

namespace RunbookOrchestrator.Server.Persistence;

/// <summary>Copies the SQLite write-ahead log back into the database file every half second, off the commit path. Left to
/// itself SQLite checkpoints inside whichever commit crosses 1,000 WAL pages, usually the run store's group writer, and
/// every run queued behind that commit waits for the checkpoint's fsync. Passive: it never blocks a writer or a reader.</summary>
internal sealed class WalCheckpointService(string connectionString, ILogger<WalCheckpointService> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var connection = new SqliteConnection(connectionString);
                    await connection.OpenAsync(stoppingToken);
                    await using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                    await command.ExecuteNonQueryAsync(stoppingToken);
                }
                catch (SqliteException ex)
                {
                    logger.LogWarning(ex, "WAL checkpoint failed; SQLite will checkpoint on commit meanwhile");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
