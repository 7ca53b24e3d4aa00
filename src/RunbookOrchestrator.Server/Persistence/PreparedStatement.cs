using System.Data.Common;

namespace RunbookOrchestrator.Server.Persistence;

/// <summary>One SQL statement prepared once on a long-lived connection and executed many times with new values; parsing and
/// planning happen once, not per row.</summary>
internal sealed class PreparedStatement : IDisposable
{
    private readonly DbCommand _command;
    private readonly DbParameter[] _parameters;

    /// <param name="parameters">Parameter names in the order <see cref="Execute"/> receives their values.</param>
    public PreparedStatement(DbConnection connection, string sql, IReadOnlyList<string> parameters)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        _parameters = new DbParameter[parameters.Count];
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = _command.CreateParameter();
            parameter.ParameterName = parameters[i];
            parameter.Value = DBNull.Value;
            _command.Parameters.Add(parameter);
            _parameters[i] = parameter;
        }
    }

    /// <summary>Runs the statement in <paramref name="transaction"/> with <paramref name="values"/> (already in stored form); returns the rows affected.</summary>
    public int Execute(DbTransaction transaction, ReadOnlySpan<object> values)
    {
        Bind(transaction, values);
        return _command.ExecuteNonQuery();
    }

    /// <summary>Runs a query in <paramref name="transaction"/> and returns its reader (the caller disposes it before the next use).</summary>
    public DbDataReader Query(DbTransaction transaction, ReadOnlySpan<object> values)
    {
        Bind(transaction, values);
        return _command.ExecuteReader();
    }

    private void Bind(DbTransaction transaction, ReadOnlySpan<object> values)
    {
        if (values.Length != _parameters.Length) throw new ArgumentException($"{_parameters.Length} values expected, got {values.Length}", nameof(values));
        _command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++) _parameters[i].Value = values[i];
    }

    public void Dispose() => _command.Dispose();
}
