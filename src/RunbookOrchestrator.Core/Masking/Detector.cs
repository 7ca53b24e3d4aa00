using System.Text.RegularExpressions;

namespace RunbookOrchestrator.Masking;

/// <summary>
/// One value detector as data: a regex finds candidates, <see cref="Accept"/> returns how many characters of a
/// candidate are really the value (0 rejects it), and <see cref="Style"/> writes the mask.
/// A named group <c>value</c> in the regex narrows the span to that group (e.g. the password of <c>Password=x;</c>).
/// </summary>
public sealed record Detector(
    string Name,
    string Type,
    Regex Pattern,
    Func<DetectorInput, int> Accept,
    MaskStyle Style,
    int Priority,
    DetectorTrigger Trigger)
{
    /// <summary>Accepts whole candidates that satisfy <paramref name="predicate"/>.</summary>
    public static Func<DetectorInput, int> When(Func<string, bool> predicate) =>
        input => predicate(input.Value) ? input.Value.Length : 0;

    /// <summary>Accepts every candidate.</summary>
    public static Func<DetectorInput, int> Always { get; } = input => input.Value.Length;
}

/// <summary>A candidate value plus the text around it, for detectors that need context (e.g. "aws" near a key).</summary>
public readonly record struct DetectorInput(string Value, string Text, int Start);
