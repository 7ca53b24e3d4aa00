namespace RunbookOrchestrator.Masking;

/// <summary>
/// A cheap pre-check so a detector's regex only runs on text that could hold its value: minimum length, digit count,
/// longest run of token characters (<c>[A-Za-z0-9_+/-]</c>) and substrings of which one must occur.
/// </summary>
public sealed record DetectorTrigger(int MinLength = 0, int MinDigits = 0, IReadOnlyList<string>? AnyOf = null, bool IgnoreCase = false, int MinTokenRun = 0)
{
    /// <summary>True when <paramref name="text"/> with measured <paramref name="stats"/> passes every check.</summary>
    public bool Allows(string text, TextStats stats)
    {
        if (text.Length < MinLength || stats.Digits < MinDigits || stats.LongestTokenRun < MinTokenRun) return false;
        if (AnyOf is null) return true;
        var comparison = IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var s in AnyOf)
            if (text.Contains(s, comparison)) return true;
        return false;
    }
}
