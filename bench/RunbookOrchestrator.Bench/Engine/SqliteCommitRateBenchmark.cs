using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace RunbookOrchestrator.Bench.Engine;

/// <summary>The ceiling the engine cannot beat without batching: raw SQLite commits per second on this disk, one small INSERT per
/// transaction, with the engine's settings (WAL, synchronous=NORMAL).</summary>
public sealed class SqliteCommitRateBenchmark : IBenchmark
{
    public string Name => "sqlite-commit-rate";
    public string Description => "raw SQLite commits/s, WAL + synchronous=NORMAL, one INSERT per transaction [--seconds 5]";

    public int Run(string[] args, TextWriter output)
    {
        var seconds = BenchArguments.Int(args, "seconds", 5);
        var root = Directory.CreateTempSubdirectory("rbo-bench-sqlite-").FullName;
        try
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(root, "commits.db")};Pooling=False");
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE t (id INTEGER PRIMARY KEY, run TEXT NOT NULL, at TEXT NOT NULL);");
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO t (run, at) VALUES ($run, $at)";
            var run = insert.Parameters.Add("$run", SqliteType.Text);
            var at = insert.Parameters.Add("$at", SqliteType.Text);

            var commits = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
            {
                using var tx = connection.BeginTransaction();
                insert.Transaction = tx;
                run.Value = Guid.CreateVersion7().ToString("N");
                at.Value = DateTimeOffset.UtcNow.ToString("O");
                insert.ExecuteNonQuery();
                tx.Commit();
                commits++;
            }
            output.WriteLine("== sqlite-commit-rate ==");
            output.WriteLine($"disk                {root}");
            output.WriteLine($"commits             {commits} in {clock.Elapsed.TotalSeconds:0.00} s");
            output.WriteLine($"commit rate         {commits / clock.Elapsed.TotalSeconds:0} commits/s (WAL, synchronous=NORMAL, 1 INSERT per transaction)");
            return 0;
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
