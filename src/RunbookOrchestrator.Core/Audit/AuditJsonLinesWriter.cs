using System.Text;

namespace RunbookOrchestrator.Audit;

/// <summary>JSON Lines export: one JSON object per event and line, every field, nulls explicit, data as its exact stored text,
/// so anyone can recompute each hash from the export alone.</summary>
public static class AuditJsonLinesWriter
{
    public static async Task<long> WriteAsync(IAsyncEnumerable<AuditEvent> events, TextWriter output, CancellationToken cancellationToken = default)
    {
        long count = 0;
        var sb = new StringBuilder(512);
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            sb.Clear();
            Line(sb, e);
            sb.Append('\n');
            await output.WriteAsync(sb, cancellationToken);
            count++;
        }
        await output.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>The line for one event, without the newline.</summary>
    public static string Line(AuditEvent e)
    {
        var sb = new StringBuilder(512);
        Line(sb, e);
        return sb.ToString();
    }

    private static void Line(StringBuilder sb, AuditEvent e)
    {
        var values = AuditExportFields.Values(e);
        sb.Append('{');
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0) sb.Append(',');
            AuditCanonicalJson.WriteString(sb, AuditExportFields.Names[i]);
            sb.Append(':');
            if (i == 0) sb.Append(values[i]);
            else if (values[i] is null) sb.Append("null");
            else AuditCanonicalJson.WriteString(sb, values[i]!);
        }
        sb.Append('}');
    }
}
