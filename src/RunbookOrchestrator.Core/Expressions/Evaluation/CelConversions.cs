using System.Globalization;
using System.Text;

namespace RunbookOrchestrator.Expressions;

/// <summary>CEL's type conversion functions int(), uint(), double(), string(), bytes(), bool(), type() and dyn().</summary>
internal static class CelConversions
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool IsConversion(string name) =>
        name is "int" or "uint" or "double" or "string" or "bytes" or "bool" or "type" or "dyn";

    public static CelValue Convert(string name, CelValue value) => name switch
    {
        "int" => ToInt(value),
        "uint" => ToUint(value),
        "double" => ToDouble(value),
        "string" => ToCelString(value),
        "bytes" => ToBytes(value),
        "bool" => ToBool(value),
        "type" => new CelType(value.TypeName),
        "dyn" => value,
        _ => CelError.NoSuchOverload(name),
    };

    private static CelValue ToInt(CelValue value) => value switch
    {
        CelInt => value,
        CelUint u => u.Value > long.MaxValue ? RangeError("uint", "int") : new CelInt((long)u.Value),
        // Both bounds are exclusive, as in cel-go, because (double)long.MaxValue rounds up to 2^63.
        CelDouble d => double.IsFinite(d.Value) && d.Value > -9.2233720368547758e18 && d.Value < 9.2233720368547758e18
            ? new CelInt((long)Math.Truncate(d.Value))
            : RangeError("double", "int"),
        CelString s => long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
            ? new CelInt(l)
            : new CelError("cannot convert string to int: not a base-10 integer in range"),
        _ => CelError.NoSuchOverload($"int({value.TypeName})"),
    };

    private static CelValue ToUint(CelValue value) => value switch
    {
        CelUint => value,
        CelInt i => i.Value < 0 ? RangeError("int", "uint") : new CelUint((ulong)i.Value),
        CelDouble d => double.IsFinite(d.Value) && d.Value >= 0 && d.Value < 1.8446744073709552e19
            ? new CelUint((ulong)Math.Truncate(d.Value))
            : RangeError("double", "uint"),
        CelString s => ulong.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var u)
            ? new CelUint(u)
            : new CelError("cannot convert string to uint: not a base-10 unsigned integer in range"),
        _ => CelError.NoSuchOverload($"uint({value.TypeName})"),
    };

    private static CelValue ToDouble(CelValue value) => value switch
    {
        CelDouble => value,
        CelInt i => new CelDouble(i.Value),
        CelUint u => new CelDouble(u.Value),
        CelString s => ParseDouble(s.Value) is { } d ? new CelDouble(d) : new CelError("cannot convert string to double: not a number"),
        _ => CelError.NoSuchOverload($"double({value.TypeName})"),
    };

    /// <summary>Accepts what Go's strconv.ParseFloat accepts for decimal text, including inf/infinity/nan in any case; no surrounding spaces.</summary>
    private static double? ParseDouble(string text)
    {
        var body = text.StartsWith('+') || text.StartsWith('-') ? text[1..] : text;
        var negative = text.StartsWith('-');
        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
            return negative ? double.NegativeInfinity : double.PositiveInfinity;
        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase)) return double.NaN;
        if (body.Length == 0 || !(char.IsAsciiDigit(body[0]) || body[0] == '.')) return null;
        const NumberStyles style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        // Like Go, a finite-looking literal that overflows to infinity is a range error, not a value.
        return double.TryParse(text, style, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;
    }

    private static CelValue ToCelString(CelValue value) => value switch
    {
        CelString => value,
        CelInt or CelUint or CelDouble or CelBool => new CelString(CelDisplay.Format(value)),
        CelBytes b => DecodeUtf8(b),
        _ => CelError.NoSuchOverload($"string({value.TypeName})"),
    };

    private static CelValue DecodeUtf8(CelBytes bytes)
    {
        try
        {
            return new CelString(StrictUtf8.GetString(bytes.Value));
        }
        catch (DecoderFallbackException)
        {
            return new CelError("invalid UTF-8 in bytes, cannot convert to string");
        }
    }

    private static CelValue ToBytes(CelValue value) => value switch
    {
        CelBytes => value,
        CelString s => new CelBytes(Encoding.UTF8.GetBytes(s.Value)),
        _ => CelError.NoSuchOverload($"bytes({value.TypeName})"),
    };

    private static CelValue ToBool(CelValue value) => value switch
    {
        CelBool => value,
        CelString s => s.Value switch
        {
            "1" or "t" or "T" or "true" or "TRUE" or "True" => CelBool.True,
            "0" or "f" or "F" or "false" or "FALSE" or "False" => CelBool.False,
            _ => new CelError("cannot convert string to bool: expected true or false"),
        },
        _ => CelError.NoSuchOverload($"bool({value.TypeName})"),
    };

    private static CelError RangeError(string from, string to) => new($"range error converting {from} to {to}");
}
