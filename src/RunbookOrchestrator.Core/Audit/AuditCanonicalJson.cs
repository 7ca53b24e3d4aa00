using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Audit;

/// <summary>Writes JSON in one deterministic way: object keys sorted by ordinal, no whitespace, strings escaped only where JSON
/// requires it. The escaping is ours, not the serializer's, so a hash computed today still matches after a .NET upgrade.</summary>
public static class AuditCanonicalJson
{
    /// <summary>The canonical text of <paramref name="node"/>; null for a null node.</summary>
    public static string? Of(JsonNode? node)
    {
        if (node is null) return null;
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    internal static void Write(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first) sb.Append(',');
                    first = false;
                    WriteString(sb, key);
                    sb.Append(':');
                    Write(sb, value);
                }
                sb.Append('}');
                break;
            case JsonArray array:
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    Write(sb, array[i]);
                }
                sb.Append(']');
                break;
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        WriteString(sb, value.GetValue<string>());
                        break;
                    case JsonValueKind.True:
                        sb.Append("true");
                        break;
                    case JsonValueKind.False:
                        sb.Append("false");
                        break;
                    case JsonValueKind.Null:
                        sb.Append("null");
                        break;
                    default:
                        // Numbers keep the text they were given (or .NET's round-trip form); the stored text is what gets hashed.
                        sb.Append(value.ToJsonString());
                        break;
                }
                break;
        }
    }

    /// <summary>Appends <paramref name="s"/> as a JSON string: only <c>"</c>, <c>\</c> and control characters are escaped.</summary>
    public static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case < ' ': sb.Append("\\u").Append(((int)c).ToString("x4")); break;
                default: sb.Append(c); break;
            }
        }
        sb.Append('"');
    }
}
