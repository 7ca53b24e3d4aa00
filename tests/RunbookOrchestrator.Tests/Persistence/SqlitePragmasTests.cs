using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RunbookOrchestrator.Server.Persistence;

namespace RunbookOrchestrator.Tests.Persistence;

public sealed class SqlitePragmasTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rbo-pragmas-").FullName;

    [Fact]
    public async Task Every_open_of_a_pooled_connection_has_the_settings_although_they_are_sent_once_per_native_connection()
    {
        var options = new DbContextOptionsBuilder<OrchestratorDbContext>()
            .UseSqlite(OrchestratorDatabase.SqliteConnectionString(_dir))
            .AddInterceptors(new SqlitePragmas("FULL"))
            .Options;
        await using (var db = new OrchestratorDbContext(options)) await OrchestratorDatabase.EnsureSchemaAsync(db);

        for (var i = 0; i < 3; i++)
        {
            await using var db = new OrchestratorDbContext(options);
            await db.Database.OpenConnectionAsync();
            Assert.Equal(2L, await ScalarAsync(db, "PRAGMA synchronous")); // FULL
            Assert.Equal(30000L, await ScalarAsync(db, "PRAGMA busy_timeout"));
            Assert.Equal(1L, await ScalarAsync(db, "PRAGMA foreign_keys"));
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<long> ScalarAsync(OrchestratorDbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
