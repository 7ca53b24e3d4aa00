namespace RunbookOrchestrator.Runtime;

/// <summary>Short human form of durations for messages (<c>1h30m</c>, <c>5s</c>, <c>250ms</c>).</summary>
public static class Durations
{
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.FromSeconds(1)) return $"{(int)value.TotalMilliseconds}ms";
        var parts = new List<string>();
        if (value.Days > 0) parts.Add($"{value.Days}d");
        if (value.Hours > 0) parts.Add($"{value.Hours}h");
        if (value.Minutes > 0) parts.Add($"{value.Minutes}m");
        if (value.Seconds > 0 || parts.Count == 0) parts.Add($"{value.Seconds}s");
        return string.Concat(parts);
    }
}
