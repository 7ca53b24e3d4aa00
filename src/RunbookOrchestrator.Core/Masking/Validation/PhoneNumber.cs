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

    /// <summary>
    /// True when the digit group <c>[start, end)</c> could hold a plausible phone number. One with a <c>+</c> in it or
    /// just before it always could. Without one a number has 10 or 11 digits (see <see cref="IsPlausible"/>) written in
    /// separated parts of which at least two have 3 or more digits (<c>415-555-2671</c>, <c>020 7946 0958</c>), which
    /// dates and times (<c>2024-01-15 10:23</c>) do not have.
    /// </summary>
    public static bool CouldBeIn(string text, int start, int end)
    {
        var span = text.AsSpan(start, end - start);
        if (span.Contains('+') || (start > 0 && text[start - 1] == '+')) return true;
        int digits = 0, run = 0, longParts = 0;
        foreach (var c in span)
        {
            if (char.IsAsciiDigit(c)) { digits++; run++; continue; }
            if (run >= 3) longParts++;
            run = 0;
        }
        if (run >= 3) longParts++;
        return digits >= 10 && longParts >= 2;
    }

    // NANP area codes and exchanges never start with 0 or 1.
    private static bool IsNanp(ReadOnlySpan<char> ten) => ten[0] >= '2' && ten[3] >= '2';
}
