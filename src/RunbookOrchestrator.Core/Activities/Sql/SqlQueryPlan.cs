using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RunbookOrchestrator.Activities.Sql;

/// <summary>The validated parameters of one <c>sql.query</c> step. <see cref="Export"/> is null when rows go to the step output.</summary>
public sealed partial record SqlQueryPlan(
    string Connection,
    string Query,
    JsonObject Parameters,
    int MaxRows,
    TimeSpan Timeout,
    SqlExportTarget? Export)
{
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex ParameterName();

    public static SqlQueryPlan Read(ParameterReader reader, string runId, string stepId)
    {
        var connection = reader.RequiredString("connection");
        var query = reader.RequiredString("query");
        // The query is taken literally, so template braces here mean a value was meant to be spliced into SQL.
        if (query.Contains("{{"))
            throw new ParameterException("query", "parameter 'query' must not contain {{ }} templates; pass values through 'parameters' and refer to them as @name");
        if (!SingleStatement.Holds(query))
            throw new ParameterException("query", "parameter 'query' must be a single SQL statement");

        var parameters = reader.Object("parameters") ?? [];
        foreach (var (name, _) in parameters)
            if (!ParameterName().IsMatch(name))
                throw new ParameterException("parameters", $"parameter name '{name}' must be letters, digits and underscores");

        var output = reader.OptionalString("output") ?? "rows";
        var export = output switch
        {
            "rows" => null,
            "file" => ReadExport(reader, runId, stepId),
            _ => throw new ParameterException("output", $"parameter 'output' must be rows or file (got '{output}')"),
        };

        return new SqlQueryPlan(
            connection,
            query,
            parameters,
            reader.Int("max_rows", 1000, min: 1),
            reader.Duration("timeout", TimeSpan.FromSeconds(30)),
            export);
    }

    private static SqlExportTarget ReadExport(ParameterReader reader, string runId, string stepId)
    {
        IRowWriter writer = (reader.OptionalString("format") ?? "csv") switch
        {
            "csv" => new CsvRowWriter(),
            "jsonl" => new JsonLinesRowWriter(),
            var other => throw new ParameterException("format", $"parameter 'format' must be csv or jsonl (got '{other}')"),
        };
        var requested = reader.OptionalString("file_name");
        var fileName = requested is null ? ExportFileName.Default(runId, stepId, writer.Extension) : ExportFileName.FromRequested(requested);
        return new SqlExportTarget(fileName, writer);
    }
}

/// <summary>Where and how a query's rows are exported.</summary>
public sealed record SqlExportTarget(string FileName, IRowWriter Writer);
