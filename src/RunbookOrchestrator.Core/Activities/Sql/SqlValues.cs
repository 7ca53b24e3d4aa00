using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Activities.Sql;

/// <summary>Maps JSON parameter values to CLR values for binding, and database values back to JSON.</summary>
public static class SqlValues
{
    public static object ToParameterValue(JsonNode? node) => node switch
    {
        null => DBNull.Value,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => Number(JsonNumber.Element(v)),
            JsonValueKind.Null => DBNull.Value,
            _ => v.ToJsonString(),
        },
        // Objects and lists travel as JSON text, which both providers can store or cast.
        _ => node.ToJsonString(),
    };

    private static object Number(JsonElement number) =>
        number.TryGetInt64(out var l) ? l : number.TryGetDecimal(out var m) ? m : number.GetDouble();

    public static JsonNode? ToJson(object? value) => value switch
    {
        null or DBNull => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        long l => JsonValue.Create(l),
        int i => JsonValue.Create(i),
        short s => JsonValue.Create(s),
        byte b => JsonValue.Create(b),
        decimal m => JsonValue.Create(m),
        double d when double.IsFinite(d) => JsonValue.Create(d),
        float f when float.IsFinite(f) => JsonValue.Create(f),
        double or float => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
        DateTime dt => JsonValue.Create(dt.ToString("O", CultureInfo.InvariantCulture)),
        DateTimeOffset dto => JsonValue.Create(dto.ToString("O", CultureInfo.InvariantCulture)),
        Guid g => JsonValue.Create(g.ToString()),
        byte[] bytes => JsonValue.Create(Convert.ToBase64String(bytes)),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
