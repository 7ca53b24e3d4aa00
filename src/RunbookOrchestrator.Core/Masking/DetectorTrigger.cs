namespace RunbookOrchestrator.Masking;

/// <summary>A cheap pre-check so a detector's regex only runs on text that could hold its value.</summary>
public sealed record DetectorTrigger(int MinLength = 0, int MinDigits = 0, IReadOnlyList<string>? AnyOf = null, bool IgnoreCase = false)
{
    /// <summary>True when <paramref name="text"/> passes the length, digit and substring checks.</summary>
    public bool Allows(string text, int digitCount)
    {
        if (text.Length < MinLength || digitCount < MinDigits) return false;
        if (AnyOf is null) return true;
        var comparison = IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var s in AnyOf)
            if (text.Contains(s, comparison)) return true;
        return false;
    }
}
