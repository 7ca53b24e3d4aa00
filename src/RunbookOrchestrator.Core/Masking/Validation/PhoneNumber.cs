namespace RunbookOrchestrator.Masking.Validation;

/// <summary>Plausibility rules for phone numbers found in free text.</summary>
public static class PhoneNumber
{
    /// <summary>True when the digit count fits the form: international (+) 8-15 digits, otherwise a NANP or national trunk number.</summary>
    public static bool IsPlausible(string value)
    {
        Span<char> d = stackalloc char[24];
        var n = 0;
        var separators = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c)) { if (n == d.Length) return false; d[n++] = c; }
            else if (c is ' ' or '-' or '.' or '(' or ')') separators++;
        }
        var digits = d[..n];
        if (digits.IndexOfAnyExcept(digits[0]) < 0) return false;
        if (value.StartsWith('+')) return n is >= 8 and <= 15;
        if (separators == 0) return false;
        if (n == 10) return IsNanp(digits) || digits[0] == '0';
        if (n == 11) return (digits[0] == '1' && IsNanp(digits[1..])) || digits[0] == '0';
        return false;
    }

    // NANP area codes and exchanges never start with 0 or 1.
    private static bool IsNanp(ReadOnlySpan<char> ten) => ten[0] >= '2' && ten[3] >= '2';
}
