using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RunbookOrchestrator.Server.Persistence;

/// <summary>Per-connection SQLite settings. With WAL, <c>synchronous=NORMAL</c> keeps every commit across a process kill
/// (the durability the engine promises) and loses at most the last commits on power loss; set <c>FULL</c> to survive that too.</summary>
internal sealed class SqlitePragmas(string synchronous) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    // Pragmas belong to the native connection, which the pool keeps open across Open/Close; setting them on every open was a
    // round-trip per store call. A native handle seen once is done (a handle the pool replaces is a new key).
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _prepared = new();

    private void Apply(DbConnection connection)
    {
        if (connection is not Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle }) return;
        if (_prepared.TryGetValue(handle, out _)) return;
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA synchronous={synchronous}; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
        command.ExecuteNonQuery();
        _prepared.AddOrUpdate(handle, this);
    }
}
