using Microsoft.Data.Sqlite;

namespace RunbookOrchestrator.Bench.Approvals;

/// <summary>Read-only queries on the server's SQLite file: the server's own timestamps (Unix ms) for both ends of each latency, so no two clocks are compared.</summary>
public sealed class GateTimings(string databasePath)
{
    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False;Default Timeout=30");
        connection.Open();
        return connection;
    }

    /// <summary>Pending gate id of each run that has one (one gate per run in the bench runbooks).</summary>
    public Dictionary<string, string> PendingGatesByRun()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT run_id, id FROM approval_gates WHERE status = 'Pending'";
        using var reader = command.ExecuteReader();
        var gates = new Dictionary<string, string>();
        while (reader.Read()) gates[reader.GetString(0)] = reader.GetString(1);
        return gates;
    }

    public int CountGates()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM approval_gates";
        return Convert.ToInt32(command.ExecuteScalar());
    }

    public int CountAudit(string kind)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM audit_events WHERE kind = $kind";
        command.Parameters.AddWithValue("$kind", kind);
        return Convert.ToInt32(command.ExecuteScalar());
    }

    /// <summary>How many distinct runs have an audit record of <paramref name="kind"/>.</summary>
    public int CountDistinctRuns(string kind)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(DISTINCT run_id) FROM audit_events WHERE kind = $kind";
        command.Parameters.AddWithValue("$kind", kind);
        return Convert.ToInt32(command.ExecuteScalar());
    }

    /// <summary>How many step executions of <paramref name="stepId"/> have completed (one per run in the bench runbooks).</summary>
    public int CountCompleted(string stepId)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM step_executions WHERE step_id = $step AND completed_at IS NOT NULL";
        command.Parameters.AddWithValue("$step", stepId);
        return Convert.ToInt32(command.ExecuteScalar());
    }

    /// <summary><c>completed_at</c> of <paramref name="stepId"/> in <paramref name="runId"/>, or null while it has not completed.</summary>
    public long? StepCompletedAt(SqliteConnection connection, string runId, string stepId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT completed_at FROM step_executions WHERE run_id = $run AND step_id = $step AND completed_at IS NOT NULL ORDER BY completed_at LIMIT 1";
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$step", stepId);
        return command.ExecuteScalar() is long at ? at : null;
    }

    /// <summary>A connection kept open for tight polling loops.</summary>
    public SqliteConnection OpenForPolling() => Open();

    /// <summary>Per decided gate: its <c>decided_at</c> and the completion of the step after it.</summary>
    public List<(string RunId, long DecidedAt, long? ResumedAt)> DecidedGates(string afterStep)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT g.run_id, g.decided_at,
                   (SELECT MIN(s.completed_at) FROM step_executions s WHERE s.run_id = g.run_id AND s.step_id = $step AND s.completed_at IS NOT NULL)
            FROM approval_gates g WHERE g.decided_at IS NOT NULL AND g.status = 'Approved'
            """;
        command.Parameters.AddWithValue("$step", afterStep);
        using var reader = command.ExecuteReader();
        var rows = new List<(string, long, long?)>();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2)));
        return rows;
    }

    /// <summary>Per gate: its deadline, when <c>approval.timed_out</c> was recorded (null if not yet), and when the step after it completed.</summary>
    public List<(long Deadline, long? TimedOutAt, long? ResumedAt)> Deadlines(string afterStep)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT g.deadline,
                   (SELECT MIN(a.at) FROM audit_events a WHERE a.run_id = g.run_id AND a.kind = 'approval.timed_out'),
                   (SELECT MIN(s.completed_at) FROM step_executions s WHERE s.run_id = g.run_id AND s.step_id = $step AND s.completed_at IS NOT NULL)
            FROM approval_gates g WHERE g.deadline IS NOT NULL
            """;
        command.Parameters.AddWithValue("$step", afterStep);
        using var reader = command.ExecuteReader();
        var rows = new List<(long, long?, long?)>();
        while (reader.Read()) rows.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2)));
        return rows;
    }

    /// <summary>The earliest and latest deadline (Unix ms) of <paramref name="gateIds"/>.</summary>
    public (long First, long Last) DeadlineRange(IEnumerable<string> gateIds)
    {
        var deadlines = PerGate(gateIds, "SELECT deadline FROM approval_gates WHERE id = $id AND deadline IS NOT NULL");
        return (deadlines.Min(), deadlines.Max());
    }

    /// <summary>Per decided gate of <paramref name="gateIds"/>: <c>decided_at</c> → start of <paramref name="afterStep"/>, in ms.</summary>
    public List<double> DecisionToNextStepStarted(IEnumerable<string> gateIds, string afterStep) =>
        PerGate(gateIds, """
            SELECT (SELECT MIN(s.started_at) FROM step_executions s WHERE s.run_id = g.run_id AND s.step_id = $step) - g.decided_at
            FROM approval_gates g WHERE g.id = $id AND g.decided_at IS NOT NULL
            """, afterStep).Select(ms => (double)ms).ToList();

    private List<long> PerGate(IEnumerable<string> gateIds, string sql, string? afterStep = null)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var id = command.Parameters.Add("$id", SqliteType.Text);
        if (afterStep is not null) command.Parameters.AddWithValue("$step", afterStep);
        var values = new List<long>();
        foreach (var gateId in gateIds)
        {
            id.Value = gateId;
            if (command.ExecuteScalar() is long value) values.Add(value);
        }
        return values;
    }
}
