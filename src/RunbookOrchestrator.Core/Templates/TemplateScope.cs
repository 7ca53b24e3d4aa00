using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scriban.Runtime;

namespace RunbookOrchestrator.Templates;

/// <summary>Turns the run's JSON scope into Scriban objects, keeping each object's and array's JSON so it prints back as JSON.</summary>
internal static class TemplateScope
{
    public static object? From(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => Object(o),
        JsonArray a => Array(a),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => Number(v),
            _ => null,
        },
        _ => null,
    };

    // The raw JSON text is the one representation every numeric JsonValue agrees on, whatever CLR type backs it.
    private static object Number(JsonValue value)
    {
        var raw = value.ToJsonString();
        // Scriban's ranges and arithmetic are at home with int; long only where a value needs it.
        if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)) return i;
        return long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : double.Parse(raw, CultureInfo.InvariantCulture);
    }

    // Plain ScriptObject/ScriptArray instances (Scriban reads members of subclasses by reflection instead), with their JSON kept aside.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, string> JsonOf = [];

    /// <summary>The compact JSON of an object or array made by <see cref="From"/>; null for anything else.</summary>
    public static string? Json(object value) => JsonOf.TryGetValue(value, out var json) ? json : null;

    private static ScriptObject Object(JsonObject source)
    {
        var result = new ScriptObject(source.Count);
        foreach (var (key, value) in source) result.SetValue(key, From(value), readOnly: true);
        JsonOf.AddOrUpdate(result, source.ToJsonString());
        return result;
    }

    private static ScriptArray Array(JsonArray source)
    {
        var result = new ScriptArray(source.Select(From));
        JsonOf.AddOrUpdate(result, source.ToJsonString());
        return result;
    }
}
