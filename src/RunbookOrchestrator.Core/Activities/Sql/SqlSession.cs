using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace RunbookOrchestrator.Activities.Sql;

/// <summary>An open connection to one named database, read-only when its settings say so; disposing it rolls back.</summary>
public sealed class SqlSession : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction? _transaction;

    private SqlSession(DbConnection connection, DbTransaction? transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<SqlSession> OpenAsync(SqlConnectionOptions options, CancellationToken cancellationToken)
    {
        var connection = Create(options);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (!options.ReadOnly) return new SqlSession(connection, null);
            // SQLite's default BEGIN IMMEDIATE takes the write lock, which a pooled connection still set query_only by an earlier
            // session refuses ("attempt to write a readonly database"): the second read of one connection failed. A deferred
            // transaction only reads.
            var transaction = connection is SqliteConnection sqlite
                ? sqlite.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: true)
                : await connection.BeginTransactionAsync(cancellationToken);
            await using (var guard = connection.CreateCommand())
            {
                guard.Transaction = transaction;
                // Belt and braces: SQLite is also opened in read-only mode; PostgreSQL only has the session setting.
                guard.CommandText = connection is SqliteConnection ? "PRAGMA query_only = ON" : "SET TRANSACTION READ ONLY";
                await guard.ExecuteNonQueryAsync(cancellationToken);
            }
            return new SqlSession(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public DbCommand CreateCommand()
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        return command;
    }

    /// <summary>A command for <paramref name="query"/> with its named values bound as parameters (never spliced into the text).</summary>
    public DbCommand CreateCommand(string query, System.Text.Json.Nodes.JsonObject parameters, TimeSpan timeout)
    {
        var command = CreateCommand();
        command.CommandText = query;
        command.CommandTimeout = (int)Math.Ceiling(Math.Max(1, timeout.TotalSeconds));
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = SqlValues.ToParameterValue(value);
            command.Parameters.Add(parameter);
        }
        return command;
    }

    /// <summary>Stops the running statement from another thread. SQLite runs "async" calls synchronously, so a token alone never stops it.</summary>
    public void Interrupt()
    {
        if (_connection is SqliteConnection { Handle: { } handle }) SQLitePCL.raw.sqlite3_interrupt(handle);
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null) await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private static DbConnection Create(SqlConnectionOptions options) => options.Provider.ToLowerInvariant() switch
    {
        "sqlite" => new SqliteConnection(SqliteText(options)),
        "postgres" or "postgresql" => new NpgsqlConnection(options.ConnectionString),
        _ => throw new NotSupportedException($"provider '{options.Provider}' is not supported; use sqlite or postgres"),
    };

    private static string SqliteText(SqlConnectionOptions options)
    {
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        if (options.ReadOnly && builder.Mode != SqliteOpenMode.Memory) builder.Mode = SqliteOpenMode.ReadOnly;
        return builder.ToString();
    }
}
