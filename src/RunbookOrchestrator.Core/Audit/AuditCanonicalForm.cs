using System.Globalization;
using System.Text;

namespace RunbookOrchestrator.Audit;

/// <summary>The exact text that is hashed for an event: every field but <see cref="AuditEvent.Hash"/>, in a fixed order, as one
/// compact JSON object. Nulls are written as <c>null</c>, the time as UTC with milliseconds, the data as the stored canonical
/// JSON text inside a string (so any change of a byte shows). Documented in docs/audit.md; change it only with a new version number.</summary>
public static class AuditCanonicalForm
{
    /// <summary>Version of this form, written first so a future form can coexist with old chains.</summary>
    public const int Version = 1;

    public static string Of(AuditEvent e)
    {
        var sb = new StringBuilder(256);
        sb.Append("{\"v\":").Append(Version.ToString(CultureInfo.InvariantCulture));
        sb.Append(",\"sequence\":").Append(e.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(sb, "at", FormatTime(e.At));
        Field(sb, "kind", e.Kind);
        Field(sb, "actor_kind", e.ActorKind);
        Field(sb, "actor_name", e.ActorName);
        Field(sb, "run_id", e.RunId);
        Field(sb, "step_id", e.StepId);
        Field(sb, "channel", e.Channel);
        Field(sb, "client_address", e.ClientAddress);
        Field(sb, "reason", e.Reason);
        Field(sb, "data_json", e.DataJson);
        Field(sb, "prev_hash", e.PrevHash);
        sb.Append('}');
        return sb.ToString();
    }

    /// <summary>UTC, milliseconds, <c>Z</c>: <c>2026-11-22T01:02:03.456Z</c>.</summary>
    public static string FormatTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void Field(StringBuilder sb, string name, string? value)
    {
        sb.Append(",\"").Append(name).Append("\":");
        if (value is null) sb.Append("null");
        else AuditCanonicalJson.WriteString(sb, value);
    }
}
