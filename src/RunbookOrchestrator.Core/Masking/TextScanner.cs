using System.Text.RegularExpressions;

namespace RunbookOrchestrator.Masking;

/// <summary>Runs a catalog's detectors over a text and keeps the best non-overlapping findings.</summary>
internal sealed class TextScanner
{
    /// <summary>One accepted finding before masking.</summary>
    internal readonly record struct Finding(int Start, int Length, Detector Detector)
    {
        public int End => Start + Length;
    }

    // Most texts hold nothing; they share this list, which callers only read.
    private static readonly List<Finding> None = [];
    private const int StackLiterals = 256;

    private readonly IReadOnlyList<Detector> _detectors;
    private readonly TriggerLiterals _literals;

    public TextScanner(DetectorCatalog catalog)
    {
        _detectors = catalog.Detectors;
        _literals = new TriggerLiterals(_detectors);
    }

    /// <summary>Findings ordered by start (the list must not be changed); null when a regex timed out and the text must be treated as unscannable.</summary>
    public List<Finding>? Scan(string text)
    {
        if (text.Length < 6) return None;
        var stats = TextStats.Of(text);
        Span<byte> seen = _literals.Count <= StackLiterals ? stackalloc byte[_literals.Count] : new byte[_literals.Count];
        seen.Clear();
        var literalsSearched = false;
        List<Finding>? found = null;
        try
        {
            for (var d = 0; d < _detectors.Count; d++)
            {
                var detector = _detectors[d];
                if (!detector.Trigger.AllowsCounts(text.Length, stats)) continue;
                if (detector.Trigger.AnyOf is not null)
                {
                    // Searched only once some detector passes its counts: a short word passes none.
                    if (!literalsSearched) { _literals.Find(text, seen); literalsSearched = true; }
                    if (!_literals.Allows(d, seen)) continue;
                }
                for (var m = detector.Pattern.Match(text); m.Success; m = m.NextMatch())
                {
                    var (start, length) = SpanOf(m);
                    if (length == 0) continue;
                    var accepted = detector.Accept(new DetectorInput(text.Substring(start, length), text, start));
                    if (accepted > 0) (found ??= []).Add(new Finding(start, Math.Min(accepted, length), detector));
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
        if (found is null) return None;
        return found.Count == 1 ? found : ResolveOverlaps(found);
    }

    // "value" narrows the span to a group; "lead" (captured in a lookbehind) extends it to the left of the match.
    private static (int Start, int Length) SpanOf(Match m)
    {
        var value = m.Groups["value"];
        if (value.Success) return (value.Index, value.Length);
        var lead = m.Groups["lead"];
        if (lead.Success && lead.Index < m.Index) return (lead.Index, m.Index + m.Length - lead.Index);
        return (m.Index, m.Length);
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
}
