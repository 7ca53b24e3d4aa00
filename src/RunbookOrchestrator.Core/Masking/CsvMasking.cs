using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Masking;

/// <summary>Masks CSV exports row by row: columns by header name or declaration, other cells by value; the layout is kept.</summary>
public static class CsvMasking
{
    /// <summary>Returns <paramref name="table"/> with every row masked through <paramref name="masker"/> (a session keeps tokens stable).</summary>
    public static CsvTable Mask(this IMasker masker, CsvTable table, MaskingPolicy? policy = null) =>
        table with { Rows = table.Rows.Select(r => MaskRow(masker, table.Header, r, policy)).ToList() };

    /// <summary>Parses, masks and writes CSV text.</summary>
    public static string MaskCsv(this IMasker masker, string csv, MaskingPolicy? policy = null) =>
        masker.Mask(CsvTable.Parse(csv), policy).ToString();

    internal static IReadOnlyList<string> MaskRow(IMasker masker, IReadOnlyList<string> header, IReadOnlyList<string> row, MaskingPolicy? policy)
    {
        // A row goes through the JSON path so that field-name rules and declarations behave exactly as for payloads.
        var obj = new JsonObject();
        for (var i = 0; i < row.Count; i++) obj[ColumnKey(header, i)] = JsonValue.Create(row[i]);
        var masked = (JsonObject)masker.MaskJson(obj, policy)!;
        var result = new string[row.Count];
        for (var i = 0; i < row.Count; i++) result[i] = masked[ColumnKey(header, i)]?.GetValue<string>() ?? "";
        return result;
    }

    private static string ColumnKey(IReadOnlyList<string> header, int i)
    {
        if (i >= header.Count) return $"column_{i + 1}";
        // Duplicate header names would collide in an object; later duplicates get their position appended.
        for (var j = 0; j < i; j++)
            if (string.Equals(header[j], header[i], StringComparison.Ordinal)) return $"{header[i]}#{i + 1}";
        return header[i];
    }
}
