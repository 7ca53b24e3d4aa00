using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace RunbookOrchestrator.Definitions;

/// <summary>Durations as runbooks, policies and messages write them: <c>500ms</c>, <c>5s</c>, <c>1h30m</c>, <c>1d</c>, or ISO 8601 (<c>PT5S</c>).</summary>
public static partial class DurationText
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        if (text.StartsWith('P') || text.StartsWith("-P", StringComparison.Ordinal))
        {
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
        var match = Compound().Match(text);
        if (!match.Success) return false;
        var total = 0.0;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unitMatch = Part().Match(part.Value);
            var amount = double.Parse(unitMatch.Groups["n"].Value, CultureInfo.InvariantCulture);
            total += unitMatch.Groups["u"].Value switch
            {
                "ms" => amount,
                "s" => amount * 1_000,
                "m" => amount * 60_000,
                "h" => amount * 3_600_000,
                _ => amount * 86_400_000,
            };
        }
        if (total > TimeSpan.MaxValue.TotalMilliseconds) return false;
        duration = TimeSpan.FromMilliseconds(total);
        return true;
    }

    [GeneratedRegex(@"^(?<part>[0-9]+(\.[0-9]+)?(ms|s|m|h|d))+$")]
    private static partial Regex Compound();

    [GeneratedRegex(@"^(?<n>[0-9]+(\.[0-9]+)?)(?<u>ms|s|m|h|d)$")]
    private static partial Regex Part();

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
