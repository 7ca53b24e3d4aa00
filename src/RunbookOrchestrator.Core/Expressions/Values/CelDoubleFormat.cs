using System.Globalization;
using System.Text;

namespace RunbookOrchestrator.Expressions;

/// <summary>Formats a double as CEL's <c>string(double)</c> does (Go's shortest <c>%g</c>: exponent form below 1e-4 or from 1e6).</summary>
internal static class CelDoubleFormat
{
    public static string Format(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "+Inf";
        if (double.IsNegativeInfinity(value)) return "-Inf";
        if (value == 0) return double.IsNegative(value) ? "-0" : "0";

        // "R" gives the shortest round-trip digits; re-layout them by Go's rules.
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var (digits, exponent) = Decompose(shortest);
        var sb = new StringBuilder();
        if (value < 0) sb.Append('-');
        if (exponent < -4 || exponent >= 6)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
            sb.Append('e').Append(exponent < 0 ? '-' : '+');
            sb.Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (exponent < 0)
        {
            sb.Append("0.").Append('0', -exponent - 1).Append(digits);
        }
        else if (digits.Length <= exponent + 1)
        {
            sb.Append(digits).Append('0', exponent + 1 - digits.Length);
        }
        else
        {
            sb.Append(digits, 0, exponent + 1).Append('.').Append(digits, exponent + 1, digits.Length - exponent - 1);
        }
        return sb.ToString();
    }

    /// <summary>Splits "1.25E+17" or "0.00125" into significant digits and the decimal exponent of the first digit.</summary>
    private static (string Digits, int Exponent) Decompose(string text)
    {
        var ePos = text.IndexOfAny(['E', 'e']);
        var mantissa = ePos >= 0 ? text[..ePos] : text;
        var exp = ePos >= 0 ? int.Parse(text[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        var dot = mantissa.IndexOf('.');
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fracPart = dot >= 0 ? mantissa[(dot + 1)..] : "";
        var all = intPart + fracPart;
        var leadingZeros = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        var exponent = intPart.Length - 1 - leadingZeros + exp;
        return (digits.Length == 0 ? "0" : digits, exponent);
    }
}
