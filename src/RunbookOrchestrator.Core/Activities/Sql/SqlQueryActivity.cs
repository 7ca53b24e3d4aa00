using System.Data.Common;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RunbookOrchestrator.Activities.Sql;

/// <summary><c>sql.query</c>: one parameterised statement on a named connection, results to the step output or to an export file.</summary>
public sealed partial class SqlQueryActivity(IOptions<ActivityOptions> options) : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(
        "sql.query",
        "Runs one SQL statement with bound parameters on a configured connection.",
        [
            new ActivityParameter("connection", "string", true, "Connection name from configuration"),
            new ActivityParameter("query", "string", true, "One SQL statement; values go through @name parameters", ParameterKind.Literal),
            new ActivityParameter("parameters", "object", false, "Values bound to @name placeholders, never spliced into the text"),
            new ActivityParameter("max_rows", "int", false, "Row cap (default 1000)"),
            new ActivityParameter("output", "string", false, "rows (default) or file"),
            new ActivityParameter("format", "string", false, "csv (default) or jsonl, for output: file"),
            new ActivityParameter("file_name", "string", false, "Export file name (default {runId}-{stepId}.{ext})"),
            new ActivityParameter("timeout", "duration", false, "Command timeout (default 30s)"),
        ],
        [Outcomes.Done, Outcomes.Failed]);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex ParameterName();

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var reader = new ParameterReader(context.Parameters);
        string connectionName, query, output;
        JsonObject? parameters;
        int maxRows;
        TimeSpan timeout;
        IRowWriter? fileWriter = null;
        try
        {
            connectionName = reader.RequiredString("connection");
            query = reader.RequiredString("query");
            parameters = reader.Object("parameters");
            maxRows = reader.Int("max_rows", 1000, min: 1);
            timeout = reader.Duration("timeout", TimeSpan.FromSeconds(30));
            output = reader.OptionalString("output") ?? "rows";
            if (output is not ("rows" or "file")) throw new ParameterException("output", $"parameter 'output' must be rows or file (got '{output}')");
            if (output == "file")
            {
                fileWriter = (reader.OptionalString("format") ?? "csv") switch
                {
                    "csv" => new CsvRowWriter(),
                    "jsonl" => new JsonLinesRowWriter(),
                    var other => throw new ParameterException("format", $"parameter 'format' must be csv or jsonl (got '{other}')"),
                };
            }
            CheckQuery(query);
            foreach (var (name, _) in parameters ?? [])
                if (!ParameterName().IsMatch(name))
                    throw new ParameterException("parameters", $"parameter name '{name}' must be letters, digits and underscores");
        }
        catch (ParameterException ex)
        {
            return ActivityResult.Fail(ex.Message);
        }

        if (!options.Value.Connections.TryGetValue(connectionName, out var connection))
            return ActivityResult.Fail($"unknown connection '{connectionName}'");

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        context.Logger.LogInformation("SQL query on connection {Connection} for run {RunId} step {StepId}", connectionName, context.RunId, context.Step.Id);
        try
        {
            await using var session = await SqlSession.OpenAsync(connection, deadline.Token);
            await using var command = session.CreateCommand();
            command.CommandText = query;
            command.CommandTimeout = (int)Math.Ceiling(Math.Max(1, timeout.TotalSeconds));
            foreach (var (name, value) in parameters ?? [])
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@" + name;
                parameter.Value = SqlValues.ToParameterValue(value);
                command.Parameters.Add(parameter);
            }
            await using var rows = await command.ExecuteReaderAsync(deadline.Token);
            return fileWriter is null
                ? ActivityResult.Done(await ReadRowsAsync(rows, maxRows, deadline.Token))
                : await ExportAsync(context, reader, fileWriter, rows, maxRows, deadline.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or DbException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return ActivityResult.Fail($"query on connection '{connectionName}' timed out after {DurationText.Format(timeout)}", retryable: true);
        }
        catch (ParameterException ex)
        {
            return ActivityResult.Fail(ex.Message);
        }
        catch (DbException ex)
        {
            return ActivityResult.Fail($"query on connection '{connectionName}' failed: {ex.Message}", ex.IsTransient);
        }
        catch (NotSupportedException ex)
        {
            return ActivityResult.Fail($"connection '{connectionName}': {ex.Message}");
        }
        catch (ArgumentException)
        {
            // The connection string may hold a password, so its parser's message is not repeated.
            return ActivityResult.Fail($"connection '{connectionName}' has an invalid connection string");
        }
        catch (IOException ex)
        {
            return ActivityResult.Fail($"export for connection '{connectionName}' could not be written: {ex.Message}");
        }
    }

    private static void CheckQuery(string query)
    {
        // The query is taken literally, so template braces here mean a value was meant to be spliced into SQL.
        if (query.Contains("{{"))
            throw new ParameterException("query", "parameter 'query' must not contain {{ }} templates; pass values through 'parameters' and refer to them as @name");
        if (!SingleStatement.Holds(query))
            throw new ParameterException("query", "parameter 'query' must be a single SQL statement");
    }

    private static string[] Columns(DbDataReader rows)
    {
        var columns = new string[rows.FieldCount];
        for (var i = 0; i < columns.Length; i++) columns[i] = rows.GetName(i);
        return columns;
    }

    private static async Task<JsonObject> ReadRowsAsync(DbDataReader rows, int maxRows, CancellationToken cancellationToken)
    {
        var columns = Columns(rows);
        var list = new JsonArray();
        var truncated = false;
        while (await rows.ReadAsync(cancellationToken))
        {
            if (list.Count == maxRows) { truncated = true; break; }
            var row = new JsonObject();
            for (var i = 0; i < columns.Length; i++) row[columns[i]] = SqlValues.ToJson(rows.GetValue(i));
            list.Add(row);
        }
        return new JsonObject
        {
            ["columns"] = new JsonArray(columns.Select(c => (JsonNode?)c).ToArray()),
            ["rows"] = list,
            ["row_count"] = list.Count,
            ["truncated"] = truncated,
        };
    }

    private async Task<ActivityResult> ExportAsync(
        ActivityContext context, ParameterReader reader, IRowWriter writer, DbDataReader rows, int maxRows, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.ExportsDirectory))
            return ActivityResult.Fail("output: file needs an exports directory, and none is configured");
        var requested = reader.OptionalString("file_name");
        var fileName = requested is null
            ? ExportFileName.Default(context.RunId, context.Step.Id, writer.Extension)
            : ExportFileName.FromRequested(requested);

        var directory = Path.GetFullPath(options.Value.ExportsDirectory);
        Directory.CreateDirectory(directory);
        var finalPath = Path.Combine(directory, fileName);
        // Written beside the target and renamed at the end, so readers never see half an export.
        var tempPath = Path.Combine(directory, $".{fileName}.{Guid.NewGuid():N}.tmp");
        var columns = Columns(rows);
        var count = 0;
        var truncated = false;
        try
        {
            await using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            await using (var text = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                writer.WriteHeader(text, columns);
                var values = new object?[columns.Length];
                while (await rows.ReadAsync(cancellationToken))
                {
                    if (count == maxRows) { truncated = true; break; }
                    rows.GetValues(values!);
                    writer.WriteRow(text, columns, values);
                    count++;
                }
                await text.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tempPath, finalPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(tempPath)) File.Delete(tempPath);
        }

        context.Logger.LogInformation("Exported {Rows} rows to {File} for run {RunId} step {StepId}", count, fileName, context.RunId, context.Step.Id);
        return ActivityResult.Done(new JsonObject
        {
            ["path"] = fileName,
            ["row_count"] = count,
            ["columns"] = new JsonArray(columns.Select(c => (JsonNode?)c).ToArray()),
            ["format"] = writer.Extension,
            ["truncated"] = truncated,
            ["bytes"] = new FileInfo(finalPath).Length,
        });
    }
}
