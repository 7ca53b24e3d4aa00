using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Approvals.Review;

/// <summary>The values a reviewer may reveal one by one: the leaves of the gated step's inputs (<c>inputs.ticket</c>) and resolved
/// parameters (<c>action.parameters.parameters.country</c>, <c>action.parameters.command[1]</c>) that masking changed. Unmasked values are
/// already in view, so they are not kept.</summary>
public static class RevealableFields
{
    /// <summary>Field path to raw value, for every leaf whose masked counterpart differs.</summary>
    public static Dictionary<string, JsonNode?> Of(JsonObject rawInputs, JsonObject maskedInputs, JsonObject rawParameters, JsonObject maskedParameters)
    {
        var fields = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        Collect("inputs", rawInputs, maskedInputs, fields);
        Collect("action.parameters", rawParameters, maskedParameters, fields);
        return fields;
    }

    private static void Collect(string path, JsonNode? raw, JsonNode? masked, Dictionary<string, JsonNode?> fields)
    {
        switch (raw)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj) Collect($"{path}.{name}", child, (masked as JsonObject)?[name], fields);
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) Collect($"{path}[{i}]", array[i], masked is JsonArray m && i < m.Count ? m[i] : null, fields);
                break;
            case null:
                break;
            default:
                if (!JsonNode.DeepEquals(raw, masked)) fields[path] = raw.DeepClone();
                break;
        }
    }
}
