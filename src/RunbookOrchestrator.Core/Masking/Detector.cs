using System.Buffers;
using System.Text.RegularExpressions;

namespace RunbookOrchestrator.Masking;

/// <summary>
/// One value detector as data: a regex finds candidates, <see cref="Accept"/> returns how many characters of a
/// candidate are really the value (0 rejects it), and <see cref="Style"/> writes the mask.
/// A named group <c>value</c> narrows the span to that group (e.g. the password of <c>Password=x;</c>); a group <c>lead</c> captured in a leading lookbehind extends it leftwards (the local part of an email found from its <c>@</c>).
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

    /// <summary>
    /// Rejects candidates glued to a preceding character from <paramref name="notAfter"/>, then applies <paramref name="accept"/>.
    /// Checked here rather than by a leading regex lookbehind, which would stop the regex engine from skipping ahead.
    /// </summary>
    public static Func<DetectorInput, int> After(SearchValues<char> notAfter, Func<DetectorInput, int> accept) =>
        input => input.Start > 0 && notAfter.Contains(input.Text[input.Start - 1]) ? 0 : accept(input);

    /// <summary>Accepts every candidate.</summary>
    public static Func<DetectorInput, int> Always { get; } = input => input.Value.Length;
}

/// <summary>A candidate value plus the text around it, for detectors that need context (e.g. "aws" near a key).</summary>
public readonly record struct DetectorInput(string Value, string Text, int Start);
