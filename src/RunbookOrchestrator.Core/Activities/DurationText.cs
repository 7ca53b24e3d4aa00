using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace RunbookOrchestrator.Activities;

/// <summary>Reads and writes durations as runbooks spell them: <c>500ms</c>, <c>5s</c>, <c>2m</c>, <c>1h</c>, <c>1d</c> or ISO 8601 (<c>PT5S</c>).</summary>
public static partial class DurationText
{
    [GeneratedRegex(@"^(?<n>\d+(?:\.\d+)?)(?<unit>ms|s|m|h|d)$", RegexOptions.CultureInvariant)]
    private static partial Regex Short();

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        var match = Short().Match(text);
        if (match.Success)
        {
            var n = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            var ms = match.Groups["unit"].Value switch
            {
                "ms" => n,
                "s" => n * 1_000,
                "m" => n * 60_000,
                "h" => n * 3_600_000,
                _ => n * 86_400_000,
            };
            if (ms > TimeSpan.MaxValue.TotalMilliseconds) return false;
            duration = TimeSpan.FromMilliseconds(ms);
            return true;
        }
        if (!text.StartsWith('P')) return false;
        try
        {
            duration = XmlConvert.ToTimeSpan(text);
            return duration >= TimeSpan.Zero;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>The shortest exact spelling, so messages read <c>timed out after 5s</c> rather than <c>00:00:05</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        var ms = (long)duration.TotalMilliseconds;
        if (ms != 0 && ms % 86_400_000 == 0) return $"{ms / 86_400_000}d";
        if (ms != 0 && ms % 3_600_000 == 0) return $"{ms / 3_600_000}h";
        if (ms != 0 && ms % 60_000 == 0) return $"{ms / 60_000}m";
        if (ms % 1_000 == 0) return $"{ms / 1_000}s";
        return $"{ms}ms";
    }
}
