using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Activities.Sql;

/// <summary>JSON Lines: one JSON object per row, keyed by column name.</summary>
public sealed class JsonLinesRowWriter : IRowWriter
{
    public string Extension => "jsonl";

    public void WriteHeader(TextWriter writer, IReadOnlyList<string> columns)
    {
    }

    public void WriteRow(TextWriter writer, IReadOnlyList<string> columns, object?[] values)
    {
        var row = new JsonObject();
        for (var i = 0; i < columns.Count; i++) row[columns[i]] = SqlValues.ToJson(values[i]);
        writer.Write(row.ToJsonString());
        writer.Write('\n');
    }
}
