namespace RunbookOrchestrator.Masking;

/// <summary>
/// A cheap pre-check so a detector's regex only runs on text that could hold its value: minimum length, digit count,
/// longest run of token characters (<c>[A-Za-z0-9_+/-]</c>), most digits in one digit group and substrings of which one must occur; and <see cref="Scope"/>, where in the text the regex then runs.
/// <see cref="Window"/>, for a scoped detector, checks one digit group or run (text, start, end) before the regex runs on it.
/// Every check must be a necessary condition of a match: a trigger that is too strict silently loses detections.
/// </summary>
public sealed record DetectorTrigger(
    int MinLength = 0,
    int MinDigits = 0,
    IReadOnlyList<string>? AnyOf = null,
    bool IgnoreCase = false,
    int MinTokenRun = 0,
    int MinDigitGroup = 0,
    ScanScope Scope = ScanScope.WholeText,
    int Before = 0,
    int After = 0,
    Func<string, int, int, bool>? Window = null)
{
    /// <summary>True when <paramref name="text"/> with measured <paramref name="stats"/> passes every check.</summary>
    public bool Allows(string text, TextStats stats)
    {
        if (!AllowsCounts(text.Length, stats)) return false;
        if (AnyOf is null) return true;
        var comparison = IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var s in AnyOf)
            if (text.Contains(s, comparison)) return true;
        return false;
    }

    /// <summary>The checks other than <see cref="AnyOf"/>.</summary>
    public bool AllowsCounts(int length, TextStats stats) =>
        length >= MinLength && stats.Digits >= MinDigits && stats.LongestTokenRun >= MinTokenRun
        && stats.LongestDigitGroup >= MinDigitGroup;
}
