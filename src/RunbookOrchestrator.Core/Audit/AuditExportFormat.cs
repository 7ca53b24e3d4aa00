namespace RunbookOrchestrator.Audit;

/// <summary>Export formats: JSON Lines (lossless, one event per line) and CSV (for spreadsheets; formula-guarded).</summary>
public enum AuditExportFormat
{
    JsonLines,
    Csv,
}

/// <summary>Reading the format names used by the API and the CLI.</summary>
public static class AuditExportFormats
{
    /// <summary><c>jsonl</c> (also <c>ndjson</c>) or <c>csv</c>, case-insensitive; null or empty means JSON Lines.</summary>
    public static bool TryParse(string? text, out AuditExportFormat format)
    {
        format = AuditExportFormat.JsonLines;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "jsonl" or "ndjson":
                return true;
            case "csv":
                format = AuditExportFormat.Csv;
                return true;
            default:
                return false;
        }
    }

    public static string ContentType(AuditExportFormat format) =>
        format == AuditExportFormat.Csv ? "text/csv; charset=utf-8" : "application/jsonl; charset=utf-8";

    public static string FileExtension(AuditExportFormat format) => format == AuditExportFormat.Csv ? "csv" : "jsonl";

    /// <summary>Writes <paramref name="events"/> in <paramref name="format"/> and returns how many were written.</summary>
    public static Task<long> WriteAsync(AuditExportFormat format, IAsyncEnumerable<AuditEvent> events, TextWriter output, CancellationToken cancellationToken = default) =>
        format == AuditExportFormat.Csv
            ? AuditCsvWriter.WriteAsync(events, output, cancellationToken)
            : AuditJsonLinesWriter.WriteAsync(events, output, cancellationToken);
}
