namespace RunbookOrchestrator.Masking.Validation;

/// <summary>UK National Insurance number prefix and suffix rules as published by HMRC.</summary>
public static class UkNino
{
    private static readonly HashSet<string> Unallocated = ["BG", "GB", "NK", "KN", "TN", "NT", "ZZ"];

    /// <summary>True when the digit group starting at <paramref name="groupStart"/> follows two letters (and an optional space or
    /// dash), as a NINO's digits do; people write them in lower case too.</summary>
    public static bool CouldStartBefore(string text, int groupStart)
    {
        var p = groupStart - 1;
        if (p >= 0 && text[p] is ' ' or '-') p--;
        if (p < 1) return false;
        char a = text[p - 1], b = text[p];
        // Both capitals or both small, and letters a NINO may start with.
        var sameCase = (char.IsAsciiLetterUpper(a) && char.IsAsciiLetterUpper(b)) || (char.IsAsciiLetterLower(a) && char.IsAsciiLetterLower(b));
        a = char.ToUpperInvariant(a);
        b = char.ToUpperInvariant(b);
        return sameCase && !"DFIQUV".Contains(a) && !"DFIOQUV".Contains(b);
    }

    /// <summary>True for two allowed prefix letters, six digits and a suffix A-D (any case; spaces and dashes allowed).</summary>
    public static bool IsValid(string value)
    {
        var compact = value.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
        if (compact.Length != 9) return false;
        char a = compact[0], b = compact[1];
        if ("DFIQUV".Contains(a) || "DFIOQUV".Contains(b) || !char.IsAsciiLetterUpper(a) || !char.IsAsciiLetterUpper(b)) return false;
        if (Unallocated.Contains(compact[..2])) return false;
        for (var i = 2; i < 8; i++)
            if (!char.IsAsciiDigit(compact[i])) return false;
        return compact[8] is >= 'A' and <= 'D';
    }
}
