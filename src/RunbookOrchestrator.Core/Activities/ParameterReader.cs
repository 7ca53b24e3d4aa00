using RunbookOrchestrator.Definitions;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Activities;

/// <summary>Typed access to a step's resolved parameters. Templates render to text, so numbers and bools are also accepted as strings.</summary>
/// <remarks>Every method throws <see cref="ParameterException"/> naming the parameter when the value has the wrong shape.</remarks>
public sealed class ParameterReader(JsonObject parameters)
{
    public bool Has(string name) => parameters[name] is not null;

    public string RequiredString(string name) =>
        OptionalString(name) is { Length: > 0 } value ? value : throw new ParameterException(name, $"parameter '{name}' is required");

    public string? OptionalString(string name) => parameters[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
        _ => throw new ParameterException(name, $"parameter '{name}' must be a string"),
    };

    public int Int(string name, int fallback, int min = int.MinValue)
    {
        var node = parameters[name];
        if (node is null) return fallback;
        int value;
        if (node is JsonValue v && JsonNumber.TryGetInt32(v, out var n)) value = n;
        else if (node is JsonValue s && s.GetValueKind() == JsonValueKind.String
                 && int.TryParse(s.GetValue<string>().Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p)) value = p;
        else throw new ParameterException(name, $"parameter '{name}' must be an integer");
        if (value < min) throw new ParameterException(name, $"parameter '{name}' must be at least {min}");
        return value;
    }

    public bool Bool(string name, bool fallback)
    {
        var node = parameters[name];
        if (node is null) return fallback;
        if (node is JsonValue v)
        {
            switch (v.GetValueKind())
            {
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                case JsonValueKind.String when bool.TryParse(v.GetValue<string>().Trim(), out var b): return b;
            }
        }
        throw new ParameterException(name, $"parameter '{name}' must be true or false");
    }

    public TimeSpan Duration(string name, TimeSpan fallback) => OptionalDuration(name) ?? fallback;

    public TimeSpan? OptionalDuration(string name)
    {
        var text = OptionalString(name);
        if (text is null) return null;
        return DurationText.TryParse(text, out var d)
            ? d
            : throw new ParameterException(name, $"parameter '{name}' must be a duration such as 500ms, 5s, 2m, 1h, 1d or PT5S (got '{text}')");
    }

    public IReadOnlyList<string>? StringList(string name)
    {
        var node = parameters[name];
        if (node is null) return null;
        if (node is not JsonArray array) throw new ParameterException(name, $"parameter '{name}' must be a list of strings");
        var items = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String) items.Add(v.GetValue<string>());
            else throw new ParameterException(name, $"parameter '{name}' item {i} must be a string");
        }
        return items;
    }

    public JsonObject? Object(string name) => parameters[name] switch
    {
        null => null,
        JsonObject o => o,
        _ => throw new ParameterException(name, $"parameter '{name}' must be an object"),
    };

    public JsonNode? Raw(string name) => parameters[name];
}
