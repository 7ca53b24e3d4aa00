using System.Buffers;
using System.Runtime.CompilerServices;
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
    private const int StackWords = 8;
    private const int StackWindows = 32;

    /// <summary>Texts shorter than this are passed through unscanned.</summary>
    public const int MinScanLength = 6;

    private readonly Detector[] _detectors;
    private readonly DetectorGates _gates;
    private readonly TriggerLiterals _literals;
    private readonly ulong[] _withSubstrings;
    private readonly ulong[] _withWindows;
    private readonly int _minGroupDigits;
    private readonly int _minRunLength;

    public TextScanner(DetectorCatalog catalog)
    {
        _detectors = catalog.Detectors.ToArray();
        _gates = new DetectorGates(_detectors);
        _literals = new TriggerLiterals(_detectors);
        _withSubstrings = SetOf(d => d.Trigger.AnyOf is not null);
        _withWindows = SetOf(d => d.Trigger.Scope != ScanScope.WholeText);
        _minGroupDigits = SmallestThreshold(ScanScope.DigitGroups, t => t.MinDigitGroup);
        _minRunLength = SmallestThreshold(ScanScope.TokenRuns, t => t.MinTokenRun);
    }

    private ulong[] SetOf(Func<Detector, bool> predicate)
    {
        var set = new ulong[_gates.Words];
        for (var d = 0; d < _detectors.Length; d++)
            if (predicate(_detectors[d])) DetectorSet.Add(set, d);
        return set;
    }

    private int SmallestThreshold(ScanScope scope, Func<DetectorTrigger, int> threshold)
    {
        var scoped = _detectors.Where(d => d.Trigger.Scope == scope).Select(d => threshold(d.Trigger)).ToList();
        return scoped.Count == 0 ? 1 : Math.Max(1, scoped.Min());
    }

    /// <summary>Findings ordered by start (the list must not be changed); null when a regex timed out and the text must be treated as unscannable.</summary>
    // Every stack buffer below is written before it is read; zeroing them showed in profiles.
    [SkipLocalsInit]
    public List<Finding>? Scan(string text)
    {
        if (text.Length < MinScanLength) return None;
        var stats = TextStats.Of(text);
        // Counts first, for all detectors: most texts pass none that needs substrings or windows, and then neither the
        // literal search nor the window buffers are paid for.
        Span<ulong> passing = _gates.Words <= StackWords ? stackalloc ulong[_gates.Words] : new ulong[_gates.Words];
        _gates.Passing(text.Length, stats, passing);
        if (DetectorSet.IsEmpty(passing)) return None;

        scoped Span<byte> seen = default;
        if (DetectorSet.Intersects(passing, _withSubstrings))
        {
            seen = _literals.Count <= StackLiterals ? stackalloc byte[_literals.Count] : new byte[_literals.Count];
            _literals.Find(text, stats.Characters, passing, seen);
        }
        var needsWindows = DetectorSet.Intersects(passing, _withWindows);
        // A text of n characters has at most (n + 1) / 2 groups or runs: long texts get a rented buffer.
        var capacity = (text.Length + 1) / 2;
        TextWindow[]? rented = null;
        scoped Span<TextWindow> windows = default;
        if (needsWindows)
        {
            if (capacity > StackWindows) windows = (rented = ArrayPool<TextWindow>.Shared.Rent(2 * capacity)).AsSpan(0, 2 * capacity);
            else windows = stackalloc TextWindow[2 * StackWindows];
        }
        var groups = needsWindows ? windows[..capacity] : default;
        var runs = needsWindows ? windows[capacity..] : default;
        int groupCount = -1, runCount = -1; // -1: not looked for yet
        List<Finding>? found = null;
        try
        {
            for (var d = DetectorSet.Next(passing, 0); d >= 0; d = DetectorSet.Next(passing, d + 1))
            {
                var detector = _detectors[d];
                if (!_literals.Allows(d, seen)) continue;
                switch (detector.Trigger.Scope)
                {
                    case ScanScope.DigitGroups:
                        if (groupCount < 0) groupCount = TextStats.DigitGroups(text, _minGroupDigits, groups);
                        ScanWindows(detector, text, groups[..groupCount], detector.Trigger.MinDigitGroup, ref found);
                        break;
                    case ScanScope.TokenRuns:
                        if (runCount < 0) runCount = TextStats.TokenRuns(text, _minRunLength, runs);
                        ScanWindows(detector, text, runs[..runCount], detector.Trigger.MinTokenRun, ref found);
                        break;
                    default:
                        ScanRange(detector, text, 0, text.Length, ref found);
                        break;
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
        finally
        {
            if (rented is not null) ArrayPool<TextWindow>.Shared.Return(rented);
        }
        if (found is null) return None;
        return found.Count == 1 ? found : ResolveOverlaps(found);
    }

    // Each window is widened by the detector's Before/After; windows that then touch are scanned as one range.
    private static void ScanWindows(Detector detector, string text, ReadOnlySpan<TextWindow> windows, int minWeight, ref List<Finding>? found)
    {
        int from = -1, to = -1;
        foreach (var w in windows)
        {
            if (w.Weight < minWeight || detector.Trigger.Window?.Invoke(text, w.Start, w.End) == false) continue;
            var start = Math.Max(0, w.Start - detector.Trigger.Before);
            var end = Math.Min(text.Length, w.End + detector.Trigger.After);
            if (from >= 0 && start <= to) { to = Math.Max(to, end); continue; }
            if (from >= 0) ScanRange(detector, text, from, to, ref found);
            (from, to) = (start, end);
        }
        if (from >= 0) ScanRange(detector, text, from, to, ref found);
    }

    private static void ScanRange(Detector detector, string text, int from, int to, ref List<Finding>? found)
    {
        for (var m = detector.Pattern.Match(text, from, to - from); m.Success; m = m.NextMatch())
        {
            var (start, length) = SpanOf(m);
            if (length == 0) continue;
            var accepted = detector.Accept(new DetectorInput(text.Substring(start, length), text, start));
            if (accepted > 0) (found ??= []).Add(new Finding(start, Math.Min(accepted, length), detector));
        }
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
