using System.Text;
using Bogus;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Runtime.State;
using RunbookOrchestrator.Server.Hosting;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Tests.Identity;

namespace RunbookOrchestrator.Tests.Protection;

/// <summary>A run's raw data is sealed in the database file with the data directory's key, and read back as it was written.</summary>
public sealed class SealedRunDataTests
{
    private readonly Faker _faker = new();

    private RunData Run(string inputsJson, string? reason = null) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        RunbookId = "export",
        DefinitionHash = new string('0', 64),
        Status = RunStatus.Pending,
        RequesterKind = "agent",
        RequesterName = _faker.Internet.UserName(),
        Reason = reason,
        InputsJson = inputsJson,
        StateJson = "{}",
        CreatedAt = DateTimeOffset.UtcNow,
        UpdatedAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task Run_inputs_and_reason_are_not_in_the_database_file_and_read_back_as_given()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        var email = _faker.Internet.Email();
        var reason = $"asked by {_faker.Internet.Email()}";
        var run = Run($"{{\"ticket\":\"raised by {email}\"}}", reason);
        await using (var db = database.Open())
        {
            db.Runs.Add(run);
            await db.SaveChangesAsync();
        }

        var bytes = database.AllFileBytes();
        await using var read = database.Open();
        var stored = await read.Runs.SingleAsync(r => r.Id == run.Id);

        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(email)));
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(reason)));
        Assert.Equal((run.InputsJson, reason), (stored.InputsJson, stored.Reason));
    }

    [Fact]
    public async Task A_row_written_before_sealing_is_read_as_it_was()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        var run = Run("{\"country\":\"FR\"}");
        await using (var db = database.Open())
        {
            db.Runs.Add(run);
            await db.SaveChangesAsync();
        }
        await using (var connection = new SqliteConnection(OrchestratorDatabase.SqliteConnectionString(database.DataDir)))
        {
            await connection.OpenAsync();
            await using var rewrite = connection.CreateCommand();
            rewrite.CommandText = "UPDATE runs SET inputs_json = '{\"country\":\"DE\"}' WHERE id = $id";
            rewrite.Parameters.AddWithValue("$id", run.Id);
            await rewrite.ExecuteNonQueryAsync();
        }

        await using var read = database.Open();

        Assert.Equal("{\"country\":\"DE\"}", (await read.Runs.SingleAsync(r => r.Id == run.Id)).InputsJson);
    }

    [Fact]
    public void The_data_key_is_made_once_and_only_its_owner_may_read_it()
    {
        var dir = Directory.CreateTempSubdirectory("rbo-key-").FullName;
        try
        {
            var first = DataKey.Resolve(dir);
            var second = DataKey.Resolve(dir);

            Assert.Equal(first.KeyId, second.KeyId);
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, DataKey.FileName)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
