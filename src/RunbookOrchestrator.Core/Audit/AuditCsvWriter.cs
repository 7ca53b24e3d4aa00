using System.Text;

namespace RunbookOrchestrator.Audit;

/// <summary>CSV export (RFC 4180: header row, CRLF, fields with a comma, quote or line break quoted, quotes doubled).
/// A cell that a spreadsheet would run as a formula (starting with = + - @, tab or CR) is prefixed with <c>'</c>; use JSON Lines
/// when the exact bytes matter (for recomputing hashes).</summary>
public static class AuditCsvWriter
{
    public static async Task<long> WriteAsync(IAsyncEnumerable<AuditEvent> events, TextWriter output, CancellationToken cancellationToken = default)
    {
        var sb = new StringBuilder(512);
        Row(sb, AuditExportFields.Names);
        await output.WriteAsync(sb, cancellationToken);
        long count = 0;
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            sb.Clear();
            Row(sb, AuditExportFields.Values(e));
            await output.WriteAsync(sb, cancellationToken);
            count++;
        }
        await output.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>One CSV cell as written: formula-guarded, then quoted when needed; null becomes an empty cell.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    private static void Row(StringBuilder sb, IReadOnlyList<string?> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(Cell(values[i]));
        }
        sb.Append("\r\n");
    }
}
