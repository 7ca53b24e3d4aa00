using Microsoft.Data.Sqlite;

namespace RunbookOrchestrator.Tests.Scheduling;

/// <summary>Hangfire's SQLite storage (sqlite-net) and the orchestrator's (EF Core) load one and the same native SQLite.</summary>
public sealed class NativeSqliteTests
{
    [Fact]
    public void Hangfire_storage_and_the_orchestrator_database_use_the_same_native_sqlite()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        var efCore = Version.Parse((string)command.ExecuteScalar()!);

        var sqliteNet = SQLite.SQLite3.LibVersionNumber();

        Assert.Equal(efCore.Major * 1_000_000 + efCore.Minor * 1_000 + efCore.Build, sqliteNet);
        Assert.True(efCore >= new Version(3, 50), $"native SQLite {efCore} is older than the one EF Core ships with");
    }
}
