using System.Data.Common;
using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Activities.Sql;

/// <summary>Reads query rows into the step output: columns, rows as objects, count and whether the cap cut them.</summary>
public static class SqlRows
{
    public static async Task<JsonObject> ReadAsync(DbDataReader rows, int maxRows, CancellationToken cancellationToken)
    {
        var columns = Columns(rows);
        var list = new JsonArray();
        var truncated = false;
        // One row past the cap is read only to learn whether the result was cut.
        while (await rows.ReadAsync(cancellationToken))
        {
            if (list.Count == maxRows) { truncated = true; break; }
            var row = new JsonObject();
            for (var i = 0; i < columns.Length; i++) row[columns[i]] = SqlValues.ToJson(rows.GetValue(i));
            list.Add(row);
        }
        return new JsonObject
        {
            ["columns"] = ColumnArray(columns),
            ["rows"] = list,
            ["row_count"] = list.Count,
            ["truncated"] = truncated,
        };
    }

    public static string[] Columns(DbDataReader rows)
    {
        var columns = new string[rows.FieldCount];
        for (var i = 0; i < columns.Length; i++) columns[i] = rows.GetName(i);
        return columns;
    }

    public static JsonArray ColumnArray(IEnumerable<string> columns) => new(columns.Select(c => (JsonNode?)c).ToArray());
}
