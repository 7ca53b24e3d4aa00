using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Audit;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Server.Persistence.Audit;

namespace RunbookOrchestrator.Tests.Audit;

/// <summary>A real orchestrator SQLite file with the audit trail registered as the server does, plus raw SQL for playing the attacker.</summary>
public sealed class AuditDatabase : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private AuditDatabase(string dataDir, ServiceProvider services)
    {
        DataDir = dataDir;
        Services = services;
    }

    public string DataDir { get; }
    public ServiceProvider Services { get; }

    public static async Task<AuditDatabase> CreateAsync()
    {
        var dir = Directory.CreateTempSubdirectory("rbo-audit-").FullName;
        var services = new ServiceCollection();
        services.AddDbContextFactory<OrchestratorDbContext>(o => o.UseSqlite(OrchestratorDatabase.SqliteConnectionString(dir)));
        services.AddAuditTrail();
        var provider = services.BuildServiceProvider();
        await using (var db = await provider.GetRequiredService<IDbContextFactory<OrchestratorDbContext>>().CreateDbContextAsync())
            await OrchestratorDatabase.EnsureSchemaAsync(db);
        return new AuditDatabase(dir, provider);
    }

    /// <summary>A database holding <paramref name="count"/> events, one append each, a minute apart from <see cref="Start"/>.</summary>
    public static async Task<AuditDatabase> WithEventsAsync(int count)
    {
        var database = await CreateAsync();
        for (var i = 0; i < count; i++)
            await database.AppendAtAsync(Start.AddMinutes(i), AuditRecords.Any(i));
        return database;
    }

    /// <summary>Appends through the real <see cref="AuditAppender"/> inside a transaction, the way the run store does, at a chosen time.</summary>
    public async Task<IReadOnlyList<AuditEvent>> AppendAtAsync(DateTimeOffset at, params AuditRecord[] records)
    {
        await using var db = await OpenAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        var events = await Services.GetRequiredService<AuditAppender>().AppendAsync(db, records, at);
        await tx.CommitAsync();
        return events;
    }

    public async Task<OrchestratorDbContext> OpenAsync() =>
        await Services.GetRequiredService<IDbContextFactory<OrchestratorDbContext>>().CreateDbContextAsync();

    public async Task<AuditVerification> VerifyAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditStore>().VerifyAsync();
    }

    public async Task<List<AuditEvent>> ReadAllAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var events = new List<AuditEvent>();
        await foreach (var e in scope.ServiceProvider.GetRequiredService<AuditStore>().ReadAsync(null, null)) events.Add(e);
        return events;
    }

    /// <summary>Runs SQL directly on the file, outside the application, as someone with access to the database would.</summary>
    public async Task<int> ExecuteSqlAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(DataDir, OrchestratorDatabase.FileName),
            Pooling = false,
        }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Drops the append-only triggers, the first thing an attacker with the file would do.</summary>
    public Task DropTriggersAsync() =>
        ExecuteSqlAsync("DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete; DROP TRIGGER IF EXISTS audit_head_forward_only; DROP TRIGGER IF EXISTS audit_head_no_delete;");

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDir, recursive: true); }
        catch (IOException) { }
    }
}
