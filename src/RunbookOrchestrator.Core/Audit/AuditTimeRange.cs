using System.Globalization;

namespace RunbookOrchestrator.Audit;

/// <summary>An export window on <see cref="AuditEvent.At"/>: <see cref="From"/> inclusive, <see cref="To"/> exclusive, either open.</summary>
public sealed record AuditTimeRange(DateTimeOffset? From, DateTimeOffset? To)
{
    public static readonly AuditTimeRange All = new(null, null);

    /// <summary>Reads ISO 8601 bounds (a time without an offset is UTC); on failure <paramref name="error"/> says which bound and why.</summary>
    public static bool TryParse(string? from, string? to, out AuditTimeRange range, out string? error)
    {
        range = All;
        if (!TryParseBound(from, "from", out var f, out error) || !TryParseBound(to, "to", out var t, out error)) return false;
        if (f is { } a && t is { } b && a >= b)
        {
            error = $"'from' ({AuditCanonicalForm.FormatTime(a)}) must be before 'to' ({AuditCanonicalForm.FormatTime(b)})";
            return false;
        }
        range = new AuditTimeRange(f, t);
        return true;
    }

    private static bool TryParseBound(string? text, string name, out DateTimeOffset? value, out string? error)
    {
        value = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }
        error = $"'{name}' is not an ISO 8601 time: '{Shorten(text)}' (for example 2026-11-22T00:00:00Z)";
        return false;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
