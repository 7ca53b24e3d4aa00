namespace RunbookOrchestrator.Policy;

/// <summary>Case-sensitive patterns where <c>*</c> stands for any run of characters (including none).</summary>
public static class GlobPattern
{
    public static bool IsMatch(string pattern, string? value)
    {
        if (value is null) return false;
        if (!pattern.Contains('*')) return string.Equals(pattern, value, StringComparison.Ordinal);
        var parts = pattern.Split('*');
        if (!value.StartsWith(parts[0], StringComparison.Ordinal)) return false;
        var position = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = value.IndexOf(parts[i], position, StringComparison.Ordinal);
            if (found < 0) return false;
            position = found + parts[i].Length;
        }
        var last = parts[^1];
        return value.Length - position >= last.Length && value.EndsWith(last, StringComparison.Ordinal);
    }

    /// <summary>True when the list is empty (no constraint) or any pattern matches.</summary>
    public static bool AnyMatch(IReadOnlyList<string> patterns, string? value) =>
        patterns.Count == 0 || patterns.Any(p => IsMatch(p, value));
}
