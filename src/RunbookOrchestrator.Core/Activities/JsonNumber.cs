using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Activities;

/// <summary>Reads numbers from JSON values whether they were parsed from text or built in code (a boxed int does not convert to long by itself).</summary>
public static class JsonNumber
{
    public static JsonElement Element(JsonValue value) =>
        value.TryGetValue(out JsonElement element) ? element : JsonDocument.Parse(value.ToJsonString()).RootElement.Clone();

    public static bool TryGetInt32(JsonValue value, out int number)
    {
        number = 0;
        return value.GetValueKind() == JsonValueKind.Number && Element(value).TryGetInt32(out number);
    }
}
