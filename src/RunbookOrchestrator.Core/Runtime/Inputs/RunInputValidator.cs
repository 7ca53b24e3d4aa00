using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Definitions;

namespace RunbookOrchestrator.Runtime.Inputs;

/// <summary>Checks supplied run inputs against a runbook's declarations and normalizes them (defaults applied, integers as integers).</summary>
/// <remarks>Error messages name the input and the expected and actual JSON kinds, never a value, so pii and secret inputs cannot leak through them.</remarks>
public static class RunInputValidator
{
    /// <summary>Largest accepted string, in UTF-8 bytes, anywhere in an input.</summary>
    public const int MaxStringBytes = 64 * 1024;

    public static InputValidationResult Validate(RunbookDefinition runbook, JsonObject? supplied)
    {
        var errors = new List<InputError>();
        var declared = runbook.Inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var normalized = new JsonObject();

        foreach (var (name, _) in supplied ?? [])
            if (!declared.ContainsKey(name))
                errors.Add(new InputError(Shorten(name), $"input '{Shorten(name)}' is not declared by runbook '{runbook.Id}' (declared: {DeclaredList(runbook)})"));

        foreach (var input in runbook.Inputs)
        {
            var value = supplied?[input.Name];
            if (value is null || value.GetValueKind() == JsonValueKind.Null)
            {
                if (input.Default is not null) normalized[input.Name] = input.Default.DeepClone();
                else if (input.Required) errors.Add(new InputError(input.Name, $"required input '{input.Name}' ({input.Type}) is missing"));
                continue;
            }
            if (Normalize(input, value, out var error) is { } ok) normalized[input.Name] = ok;
            else errors.Add(new InputError(input.Name, error!));
        }

        return errors.Count > 0 ? InputValidationResult.Invalid(errors) : InputValidationResult.Valid(normalized);
    }

    private static JsonNode? Normalize(InputDefinition input, JsonNode value, out string? error)
    {
        error = null;
        var kind = value.GetValueKind();
        JsonNode? result = input.Type switch
        {
            "string" when kind == JsonValueKind.String => value.DeepClone(),
            "int" when kind == JsonValueKind.Number && AsInteger(value) is { } integer => JsonValue.Create(integer),
            "number" when kind == JsonValueKind.Number => value.DeepClone(),
            "bool" when kind is JsonValueKind.True or JsonValueKind.False => value.DeepClone(),
            "object" when kind == JsonValueKind.Object => value.DeepClone(),
            "array" when kind == JsonValueKind.Array => value.DeepClone(),
            _ => null,
        };
        if (result is null)
        {
            error = input.Type is "string" or "int" or "number" or "bool" or "object" or "array"
                ? input.Type == "int" && kind == JsonValueKind.Number
                    ? IntegerProblem(input.Name, value)
                    : $"input '{input.Name}' must be {Describe(input.Type)}, got {Describe(value)}"
                : $"input '{input.Name}' declares unknown type '{input.Type}' (expected string, int, number, bool, object or array)";
            return null;
        }
        if (LongestStringBytes(result) > MaxStringBytes)
        {
            error = $"input '{input.Name}' is too large: strings are limited to {MaxStringBytes / 1024} KiB";
            return null;
        }
        return result;
    }

    /// <summary>The value as a 64-bit integer when it is integral (3, 3.0 and 3e0 all qualify), else null.</summary>
    /// <remarks>Decided on the number's text: a floating-point detour read 1e-400 as the integer 0.</remarks>
    private static long? AsInteger(JsonNode value)
    {
        var element = value.AsValue();
        if (element.TryGetValue(out long l)) return l;
        if (element.TryGetValue(out int i)) return i;
        var text = value.ToJsonString();
        if (!IsWhole(text)) return null;
        return decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var m)
            && m is >= long.MinValue and <= long.MaxValue ? (long)m : null;
    }

    /// <summary>Why a number is not an accepted integer: it has a fractional part, or it is whole but outside 64 bits.</summary>
    private static string IntegerProblem(string name, JsonNode value) => IsWhole(value.ToJsonString())
        ? $"input '{name}' must be an integer between {long.MinValue} and {long.MaxValue}, got a whole number out of that range"
        : $"input '{name}' must be an integer, got a number with a fractional part";

    /// <summary>Whether a JSON number's text denotes a whole number, exactly (no floating point: 1e400 is whole, 1e-400 is not).</summary>
    private static bool IsWhole(string number)
    {
        var e = number.IndexOfAny(['e', 'E']);
        var mantissa = e < 0 ? number : number[..e];
        var exponent = e < 0 ? System.Numerics.BigInteger.Zero
            : System.Numerics.BigInteger.Parse(number[(e + 1)..].TrimStart('+'), System.Globalization.CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.');
        var fraction = dot < 0 ? "" : mantissa[(dot + 1)..];
        var digits = (dot < 0 ? mantissa : mantissa[..dot]).TrimStart('-') + fraction;
        var significant = digits.TrimEnd('0');
        if (significant.TrimStart('0').Length == 0) return true;
        // value = significant × 10^(exponent − fraction digits + trailing zeros dropped)
        return exponent - fraction.Length + (digits.Length - significant.Length) >= 0;
    }

    private static int LongestStringBytes(JsonNode? node) => node switch
    {
        JsonObject o => o.Select(p => Math.Max(Encoding.UTF8.GetByteCount(p.Key), LongestStringBytes(p.Value))).DefaultIfEmpty(0).Max(),
        JsonArray a => a.Select(LongestStringBytes).DefaultIfEmpty(0).Max(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Encoding.UTF8.GetByteCount(v.GetValue<string>()),
        _ => 0,
    };

    private static string Describe(string type) => type switch
    {
        "int" => "an integer",
        "array" => "an array",
        "object" => "an object",
        "bool" => "a boolean (true or false)",
        _ => "a " + type,
    };

    private static string Describe(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };

    /// <summary>Caller-chosen names are echoed, but never at unbounded length.</summary>
    private static string Shorten(string name) => name.Length <= 100 ? name : name[..100] + "…";

    private static string DeclaredList(RunbookDefinition runbook) =>
        runbook.Inputs.Count == 0 ? "none" : string.Join(", ", runbook.Inputs.Select(i => i.Name));
}
