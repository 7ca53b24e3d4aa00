using System.Text.RegularExpressions;

namespace RunbookOrchestrator.Masking;

/// <summary>Runs a catalog's detectors over a text and keeps the best non-overlapping findings.</summary>
internal sealed class TextScanner(DetectorCatalog catalog)
{
    /// <summary>One accepted finding before masking.</summary>
    internal readonly record struct Finding(int Start, int Length, Detector Detector)
    {
        public int End => Start + Length;
    }

    /// <summary>Findings ordered by start; null when a regex timed out and the text must be treated as unscannable.</summary>
    public List<Finding>? Scan(string text)
    {
        var found = new List<Finding>();
        if (text.Length < 6) return found;
        var digits = CountDigits(text);
        try
        {
            foreach (var detector in catalog.Detectors)
            {
                if (!detector.Trigger.Allows(text, digits)) continue;
                for (var m = detector.Pattern.Match(text); m.Success; m = m.NextMatch())
                {
                    var g = m.Groups["value"];
                    Group span = g.Success ? g : m;
                    if (span.Length == 0) continue;
                    var accepted = detector.Accept(new DetectorInput(span.Value, text, span.Index));
                    if (accepted > 0) found.Add(new Finding(span.Index, Math.Min(accepted, span.Length), detector));
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
        return found.Count <= 1 ? found : ResolveOverlaps(found);
    }

    // Higher priority wins, then the longer span; the loser of an overlap is dropped entirely.
    private static List<Finding> ResolveOverlaps(List<Finding> found)
    {
        found.Sort((a, b) => b.Detector.Priority != a.Detector.Priority
            ? b.Detector.Priority.CompareTo(a.Detector.Priority)
            : b.Length != a.Length ? b.Length.CompareTo(a.Length) : a.Start.CompareTo(b.Start));
        var kept = new List<Finding>(found.Count);
        foreach (var f in found)
        {
            var overlaps = false;
            foreach (var k in kept)
                if (f.Start < k.End && k.Start < f.End) { overlaps = true; break; }
            if (!overlaps) kept.Add(f);
        }
        kept.Sort((a, b) => a.Start.CompareTo(b.Start));
        return kept;
    }

    private static int CountDigits(string text)
    {
        var n = 0;
        foreach (var c in text)
            if ((uint)(c - '0') <= 9) n++;
        return n;
    }
}
