using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RunbookOrchestrator.Server.Persistence;

namespace RunbookOrchestrator.Tests.Persistence;

public sealed class SchemaTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rbo-schema-").FullName;

    [Fact]
    public async Task Migrations_create_every_table_and_column_the_model_maps()
    {
        await using var db = new OrchestratorDbContext(OrchestratorDatabase.SqliteOptions(_dir));
        await OrchestratorDatabase.EnsureSchemaAsync(db);

        await using var connection = new SqliteConnection(OrchestratorDatabase.SqliteConnectionString(_dir));
        await connection.OpenAsync();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var expected = entity.GetProperties().Select(p => p.GetColumnName()).OrderBy(c => c).ToList();
            var actual = new List<string>();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT name FROM pragma_table_info('{table}') ORDER BY name";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) actual.Add(reader.GetString(0));
            Assert.True(expected.SequenceEqual(actual),
                $"table {table}: model maps [{string.Join(", ", expected)}] but the migrations create [{string.Join(", ", actual)}]");
        }
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing()
    {
        await using (var first = new OrchestratorDbContext(OrchestratorDatabase.SqliteOptions(_dir)))
            await OrchestratorDatabase.EnsureSchemaAsync(first);
        await using var second = new OrchestratorDbContext(OrchestratorDatabase.SqliteOptions(_dir));
        await OrchestratorDatabase.EnsureSchemaAsync(second);

        Assert.Empty(await second.Database.GetPendingMigrationsAsync());
        Assert.Equal(second.Database.GetMigrations(), await second.Database.GetAppliedMigrationsAsync());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
