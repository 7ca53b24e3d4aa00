namespace RunbookOrchestrator.Masking.Validation;

/// <summary>IBAN validation: country length table and the ISO 13616 mod-97 check.</summary>
public static class Iban
{
    private static readonly Dictionary<string, int> Lengths = new(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22,
        ["BH"] = 22, ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22,
        ["DK"] = 18, ["DO"] = 28, ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FO"] = 18, ["FR"] = 27,
        ["GB"] = 22, ["GE"] = 22, ["GI"] = 23, ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HR"] = 21, ["HU"] = 28,
        ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26, ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20,
        ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20, ["LV"] = 21, ["MC"] = 27, ["MD"] = 24,
        ["ME"] = 22, ["MK"] = 19, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NL"] = 18, ["NO"] = 15, ["PK"] = 24,
        ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["SA"] = 24, ["SC"] = 31,
        ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["ST"] = 25, ["SV"] = 28, ["TL"] = 23, ["TN"] = 24,
        ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20,
    };

    /// <summary>The IBAN length for a country code, or null when the country does not use IBANs.</summary>
    public static int? LengthFor(string country) => Lengths.TryGetValue(country, out var n) ? n : null;

    /// <summary>
    /// Length of the longest prefix of <paramref name="candidate"/> (spaces and dashes allowed, any case) that is a valid IBAN, or 0.
    /// A prefix because a grouped IBAN may be followed by an unrelated upper-case word.
    /// </summary>
    public static int ValidPrefixLength(string candidate)
    {
        if (candidate.Length < 4) return 0;
        if (LengthFor(candidate[..2].ToUpperInvariant()) is not { } expected) return 0;
        Span<char> compact = stackalloc char[40];
        var n = 0;
        for (var i = 0; i < candidate.Length; i++)
        {
            var c = candidate[i];
            if (c is ' ' or '-') continue;
            if (n == compact.Length) return 0;
            compact[n++] = char.ToUpperInvariant(c);
            if (n == expected)
                return IsValidCompact(compact[..n]) && EndsOnBoundary(candidate, i + 1) ? i + 1 : 0;
        }
        return 0;
    }

    /// <summary>
    /// True when the digit group starting at <paramref name="groupStart"/> could hold an IBAN's check digits: an IBAN's
    /// first digits come right after its two country letters (written in either case), so the group must follow two letters.
    /// </summary>
    public static bool CouldStartBefore(string text, int groupStart)
    {
        if (groupStart < 2) return false;
        char a = text[groupStart - 2], b = text[groupStart - 1];
        // Both capitals or both small (as the regex reads them), and a country that uses IBANs: hex ids ("fc43") are neither.
        var sameCase = (char.IsAsciiLetterUpper(a) && char.IsAsciiLetterUpper(b)) || (char.IsAsciiLetterLower(a) && char.IsAsciiLetterLower(b));
        return sameCase && Lengths.ContainsKey(string.Create(2, (a, b), static (span, p) => { span[0] = char.ToUpperInvariant(p.a); span[1] = char.ToUpperInvariant(p.b); }));
    }

    /// <summary>True when <paramref name="value"/> (spaces allowed) is exactly one valid IBAN.</summary>
    public static bool IsValid(string value) => ValidPrefixLength(value) == value.TrimEnd().Length && value.Length > 0;

    private static bool EndsOnBoundary(string candidate, int end) => end == candidate.Length || candidate[end] is ' ' or '-';

    private static bool IsValidCompact(ReadOnlySpan<char> iban)
    {
        if (!char.IsAsciiLetterUpper(iban[0]) || !char.IsAsciiLetterUpper(iban[1]) || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]))
            return false;
        var remainder = 0;
        for (var k = 0; k < iban.Length; k++)
        {
            var c = iban[(k + 4) % iban.Length];
            if (char.IsAsciiDigit(c)) remainder = (remainder * 10 + (c - '0')) % 97;
            else if (char.IsAsciiLetterUpper(c)) remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            else return false;
        }
        return remainder == 1;
    }
}
