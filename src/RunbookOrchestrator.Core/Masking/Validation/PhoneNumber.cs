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
    /// just before it always could. Without one a number has 10 or 11 digits (see <see cref="IsPlausible"/>) and is
    /// written either NANP-style, where a part of exactly 3 digits comes before the last part of 4
    /// (<c>415-555-2671</c>), or with a trunk prefix, where the first part has 2 to 5 digits starting with 0
    /// (<c>020 7946 0958</c>, Tokyo's <c>03-1234-5678</c>, Paris's <c>01 23 45 67 89</c>). Dates, times, order and card numbers (<c>2024-01-15 10:23</c>, <c>4242 4242 4242 4242</c>)
    /// have neither.
    /// </summary>
    public static bool CouldBeIn(string text, int start, int end)
    {
        var span = text.AsSpan(start, end - start);
        if (span.Contains('+') || (start > 0 && text[start - 1] == '+')) return true;
        int digits = 0, run = 0, previous = 0;
        var shaped = false;
        for (var i = 0; i <= span.Length; i++)
        {
            if (i < span.Length && char.IsAsciiDigit(span[i])) { digits++; run++; continue; }
            if (run == 0) continue;
            // A two-digit trunk part (03, 01) only opens the number: "2024-05-17" is a date, not a phone.
            if ((previous == 3 && run >= 4) || (run is >= 3 and <= 5 && span[i - run] == '0') || (run == 2 && previous == 0 && span[i - run] == '0')) shaped = true;
            previous = run;
            run = 0;
        }
        return shaped && digits >= 10;
    }

    // NANP area codes and exchanges never start with 0 or 1.
    private static bool IsNanp(ReadOnlySpan<char> ten) => ten[0] >= '2' && ten[3] >= '2';
}
