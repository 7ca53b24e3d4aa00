using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Approvals;

/// <summary>Binds an approval to one exact action: SHA-256 over a canonical JSON of the resolved action and the gate that guards it.
/// Object keys are sorted so that the same action always hashes the same, whatever order its parameters were written in.</summary>
public static class ActionHash
{
    public static string Of(JsonNode? action) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(action))));

    public static string Canonical(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(node, sb);
        return sb.ToString();
    }

    private static void Write(JsonNode? node, StringBuilder sb)
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
                    sb.Append(JsonValue.Create(key)!.ToJsonString()).Append(':');
                    Write(value, sb);
                }
                sb.Append('}');
                break;
            case JsonArray array:
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    Write(array[i], sb);
                }
                sb.Append(']');
                break;
            default:
                sb.Append(node.ToJsonString());
                break;
        }
    }
}
