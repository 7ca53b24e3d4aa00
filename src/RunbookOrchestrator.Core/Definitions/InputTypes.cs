using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Definitions;

/// <summary>The input types a runbook may declare and which JSON values belong to each.</summary>
public static class InputTypes
{
    public static readonly IReadOnlyList<string> All = ["string", "int", "number", "bool", "object", "array"];

    public static bool IsKnown(string type) => All.Contains(type);

    /// <summary>True when <paramref name="value"/> is a value of <paramref name="type"/>; null fits every type.</summary>
    public static bool Accepts(string type, JsonNode? value)
    {
        if (value is null) return true;
        var kind = value.GetValueKind();
        return type switch
        {
            "string" => kind == JsonValueKind.String,
            "int" => kind == JsonValueKind.Number && long.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _),
            "number" => kind == JsonValueKind.Number,
            "bool" => kind is JsonValueKind.True or JsonValueKind.False,
            "object" => kind == JsonValueKind.Object,
            "array" => kind == JsonValueKind.Array,
            _ => true,
        };
    }
}
