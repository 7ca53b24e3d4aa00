using System.Buffers;

namespace RunbookOrchestrator.Masking;

/// <summary>
/// Finds which of a catalog's trigger substrings (<see cref="DetectorTrigger.AnyOf"/>) occur in a text, each literal
/// searched once however many detectors share it, only when a detector that passed its counts asks for it and the
/// text holds all of its characters.
/// </summary>
/// <remarks>
/// Each literal has its own vectorised searcher. One multi-string search over all literals was tried first and was
/// slower on real payloads: with some fifty literals its candidate positions were mostly false, and each was verified
/// character by character. A plain <c>Contains(OrdinalIgnoreCase)</c> was slower still under invariant globalization.
/// </remarks>
internal sealed class TriggerLiterals
{
    /// <summary>Set in a literal's slot when it occurs ignoring case.</summary>
    public const byte IgnoringCase = 1;

    /// <summary>Set in a literal's slot when it occurs exactly as written.</summary>
    public const byte Exactly = 2;

    private readonly string[] _literals;
    private readonly SearchValues<string>?[] _searchers;
    private readonly int[]?[] _byDetector;
    private readonly bool[] _ignoreCase;
    private readonly ulong[] _masks;
    // Which detectors ask for each literal (a DetectorSet), so a literal no passing detector asks for is not searched.
    private readonly ulong[][] _askedBy;

    public TriggerLiterals(IReadOnlyList<Detector> detectors)
    {
        var literals = new List<string>();
        _byDetector = new int[]?[detectors.Count];
        _ignoreCase = new bool[detectors.Count];
        for (var d = 0; d < detectors.Count; d++)
        {
            var trigger = detectors[d].Trigger;
            _ignoreCase[d] = trigger.IgnoreCase;
            if (trigger.AnyOf is null) continue;
            var indexes = new int[trigger.AnyOf.Count];
            for (var i = 0; i < indexes.Length; i++)
            {
                var literal = trigger.AnyOf[i];
                var k = literals.IndexOf(literal);
                if (k < 0) { k = literals.Count; literals.Add(literal); }
                indexes[i] = k;
            }
            _byDetector[d] = indexes;
        }
        _literals = literals.ToArray();
        _masks = _literals.Select(l => CharMask.Of(l)).ToArray();
        // One-character literals (the '@' of an email) are found by a character search instead.
        var words = DetectorSet.Words(detectors.Count);
        _askedBy = _literals.Select(_ => new ulong[words]).ToArray();
        for (var d = 0; d < detectors.Count; d++)
            foreach (var k in _byDetector[d] ?? [])
                DetectorSet.Add(_askedBy[k], d);
        _searchers = _literals.Select(l => l.Length > 1 ? SearchValues.Create([l], StringComparison.OrdinalIgnoreCase) : null).ToArray();
    }

    /// <summary>How many distinct literals there are: the size of the span <c>Find</c> fills.</summary>
    public int Count => _literals.Length;

    /// <summary>
    /// Writes into <paramref name="seen"/> (one slot per literal) which literals occur in <paramref name="text"/>,
    /// whose characters are <paramref name="characters"/> (a <see cref="CharMask"/>); only the literals of detectors in
    /// <paramref name="passing"/> (a <see cref="DetectorSet"/>) are searched, since only those detectors will ask.
    /// </summary>
    public void Find(ReadOnlySpan<char> text, ulong characters, ReadOnlySpan<ulong> passing, Span<byte> seen)
    {
        for (var k = 0; k < _literals.Length; k++)
        {
            seen[k] = 0;
            if (!CharMask.CanContain(characters, _masks[k]) || !DetectorSet.Intersects(_askedBy[k], passing)) continue;
            var literal = _literals[k];
            var at = _searchers[k] is { } searcher ? text.IndexOfAny(searcher)
                : literal.Length == 0 ? 0
                : text.IndexOfAny(char.ToUpperInvariant(literal[0]), char.ToLowerInvariant(literal[0]));
            if (at < 0) continue;
            seen[k] = text[at..].Contains(literal, StringComparison.Ordinal) ? (byte)(IgnoringCase | Exactly) : IgnoringCase;
        }
    }

    /// <summary>True when detector number <paramref name="detector"/> has no substring condition or one of its substrings was seen.</summary>
    public bool Allows(int detector, ReadOnlySpan<byte> seen)
    {
        if (_byDetector[detector] is not { } indexes) return true;
        var needed = _ignoreCase[detector] ? IgnoringCase : Exactly;
        foreach (var k in indexes)
            if ((seen[k] & needed) != 0) return true;
        return false;
    }
}
