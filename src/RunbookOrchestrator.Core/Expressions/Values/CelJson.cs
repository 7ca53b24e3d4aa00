using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Expressions;

/// <summary>The mapping between JSON documents and CEL values.</summary>
internal static class CelJson
{
    public static CelValue FromJson(JsonNode? node) => node switch
    {
        null => CelNull.Instance,
        JsonObject o => CelMap.FromStringKeys(o.Select(p => new KeyValuePair<string, CelValue>(p.Key, FromJson(p.Value)))),
        JsonArray a => new CelList(a.Select(FromJson).ToList()),
        JsonValue v => FromJsonValue(v),
        _ => throw new ExpressionException($"unsupported JSON node {node.GetValueKind()}"),
    };

    private static CelValue FromJsonValue(JsonValue value)
    {
        if (value.TryGetValue<JsonElement>(out var element)) return FromElement(element);
        if (value.TryGetValue<bool>(out var b)) return CelBool.Of(b);
        if (value.TryGetValue<string>(out var s)) return new CelString(s);
        if (value.TryGetValue<char>(out var c)) return new CelString(c.ToString());
        if (value.TryGetValue<long>(out var l)) return new CelInt(l);
        if (value.TryGetValue<int>(out var i)) return new CelInt(i);
        if (value.TryGetValue<short>(out var sh)) return new CelInt(sh);
        if (value.TryGetValue<byte>(out var by)) return new CelInt(by);
        if (value.TryGetValue<sbyte>(out var sb)) return new CelInt(sb);
        if (value.TryGetValue<ushort>(out var us)) return new CelInt(us);
        if (value.TryGetValue<uint>(out var ui)) return new CelInt(ui);
        if (value.TryGetValue<ulong>(out var ul)) return ul <= long.MaxValue ? new CelInt((long)ul) : new CelDouble(ul);
        if (value.TryGetValue<double>(out var d)) return new CelDouble(d);
        if (value.TryGetValue<float>(out var f)) return new CelDouble(f);
        if (value.TryGetValue<decimal>(out var m)) return decimal.Truncate(m) == m && m >= long.MinValue && m <= long.MaxValue ? new CelInt((long)m) : new CelDouble((double)m);
        using var doc = JsonDocument.Parse(value.ToJsonString());
        return FromElement(doc.RootElement);
    }

    private static CelValue FromElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => CelNull.Instance,
        JsonValueKind.True => CelBool.True,
        JsonValueKind.False => CelBool.False,
        JsonValueKind.String => new CelString(ReadString(element)),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? new CelInt(l) : new CelDouble(element.GetDouble()),
        JsonValueKind.Array => new CelList(element.EnumerateArray().Select(FromElement).ToList()),
        JsonValueKind.Object => CelMap.FromStringKeys(element.EnumerateObject().Select(p => new KeyValuePair<string, CelValue>(p.Name, FromElement(p.Value)))),
        _ => CelNull.Instance,
    };

    /// <summary>CEL strings are code point sequences, so a JSON escape of an unpaired surrogate ("\ud800") cannot become one.</summary>
    private static string ReadString(JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new ExpressionException("a JSON string in the variables is not valid Unicode (an unpaired surrogate escape)");
        }
    }

    public static JsonNode? ToJson(CelValue value) => value switch
    {
        CelNull => null,
        CelBool b => JsonValue.Create(b.Value),
        CelInt i => JsonValue.Create(i.Value),
        CelUint u => JsonValue.Create(u.Value),
        CelDouble d => DoubleToJson(d.Value),
        CelString s => JsonValue.Create(s.Value),
        CelBytes b => JsonValue.Create(Convert.ToBase64String(b.Value)),
        CelType t => JsonValue.Create(t.Name),
        CelList l => new JsonArray(l.Items.Select(ToJson).ToArray()),
        CelMap m => MapToJson(m),
        CelError e => throw new ExpressionException(e.Message, e.Column),
        _ => throw new ExpressionException($"cannot convert {value.TypeName} to JSON"),
    };

    private static JsonNode DoubleToJson(double d) =>
        double.IsNaN(d) ? JsonValue.Create("NaN")
        : double.IsPositiveInfinity(d) ? JsonValue.Create("Infinity")
        : double.IsNegativeInfinity(d) ? JsonValue.Create("-Infinity")
        : JsonValue.Create(d);

    private static string DescribeKey(CelValue key) => key switch
    {
        CelString s => $"\"{s.Value}\"",
        CelUint u => $"{u.Value}u",
        _ => CelDisplay.Format(key),
    };

    private static JsonObject MapToJson(CelMap map)
    {
        var result = new JsonObject();
        var keys = new Dictionary<string, CelValue>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            var name = key is CelString s ? s.Value : CelDisplay.Format(key);
            // {1: 'a', '1': 'b'} is a valid CEL map, but both keys would become the JSON name "1"; losing one silently would misreport the value.
            if (!keys.TryAdd(name, key))
                throw new ExpressionException($"cannot convert map to JSON: keys {DescribeKey(keys[name])} and {DescribeKey(key)} both become the JSON name \"{name}\"");
            result[name] = ToJson(value);
        }
        return result;
    }
}
