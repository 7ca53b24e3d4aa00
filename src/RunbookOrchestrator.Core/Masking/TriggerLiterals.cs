using System.Buffers;

namespace RunbookOrchestrator.Masking;

/// <summary>
/// Finds in one vectorised pass which of a catalog's trigger substrings (<see cref="DetectorTrigger.AnyOf"/>) occur in
/// a text, instead of one search per detector and substring, most of them case-insensitive.
/// </summary>
internal sealed class TriggerLiterals
{
    /// <summary>Set in a literal's slot when it occurs ignoring case.</summary>
    public const byte IgnoringCase = 1;

    /// <summary>Set in a literal's slot when it occurs exactly as written.</summary>
    public const byte Exactly = 2;

    private readonly string[] _literals;
    private readonly SearchValues<string>? _any;
    private readonly int[]?[] _byDetector;
    private readonly bool[] _ignoreCase;
    private readonly int[][] _byFirstChar = new int[128][];
    private readonly int[] _nonAscii;
    private readonly int[] _empty;
    private readonly int[] _singleChars;
    private readonly ulong[] _masks;

    // With this few candidates left by the character masks, searching for each is cheaper than one multi-string pass.
    private const int DirectSearchLimit = 4;

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

        var buckets = new List<int>[128];
        var nonAscii = new List<int>();
        var empty = new List<int>();
        var singleChars = new List<int>();
        for (var k = 0; k < _literals.Length; k++)
        {
            if (_literals[k].Length == 0) { empty.Add(k); continue; }
            if (_literals[k].Length == 1) { singleChars.Add(k); continue; }
            var first = char.ToUpperInvariant(_literals[k][0]);
            if (first < 128 && char.ToLowerInvariant(first) < 128) (buckets[first] ??= []).Add(k);
            else nonAscii.Add(k);
        }
        for (var c = 0; c < 128; c++) _byFirstChar[c] = buckets[c]?.ToArray() ?? [];
        _nonAscii = nonAscii.ToArray();
        _empty = empty.ToArray();
        _singleChars = singleChars.ToArray();
        // One-character literals (the '@' of an email) are searched on their own: with them in the set, the string
        // search could not use its fastest (vectorised, multi-character) algorithm.
        var searchable = _literals.Where(l => l.Length > 1).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        if (searchable.Length > 0) _any = SearchValues.Create(searchable, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>How many distinct literals there are: the size of the span <c>Find</c> fills.</summary>
    public int Count => _literals.Length;

    // Set in a literal's slot once Find has considered it, so a literal shared by two detectors is searched once.
    private const byte Considered = 4;

    /// <summary>
    /// Marks in <paramref name="seen"/> (cleared, one slot per literal) which literals occur in <paramref name="text"/>,
    /// whose characters are <paramref name="characters"/> (a <see cref="CharMask"/>); only the literals of detectors whose
    /// slot in <paramref name="passing"/> is not 0 need be marked, since only those detectors will ask.
    /// </summary>
    public void Find(ReadOnlySpan<char> text, ulong characters, ReadOnlySpan<byte> passing, Span<byte> seen)
    {
        var candidates = 0;
        for (var d = 0; d < _byDetector.Length; d++)
        {
            if (passing[d] == 0 || _byDetector[d] is not { } indexes) continue;
            foreach (var k in indexes)
            {
                if ((seen[k] & Considered) != 0) continue;
                seen[k] = Considered;
                if (CharMask.CanContain(characters, _masks[k])) candidates++;
            }
        }
        if (candidates == 0) return;
        if (candidates > DirectSearchLimit) { Find(text, seen); return; }
        for (var k = 0; k < _literals.Length; k++)
        {
            if ((seen[k] & Considered) == 0 || !CharMask.CanContain(characters, _masks[k])) continue;
            if (!text.Contains(_literals[k], StringComparison.OrdinalIgnoreCase)) continue;
            seen[k] |= text.Contains(_literals[k], StringComparison.Ordinal) ? (byte)(IgnoringCase | Exactly) : IgnoringCase;
        }
    }

    /// <summary>Marks in <paramref name="seen"/> (cleared, one slot per literal) which literals occur in <paramref name="text"/>.</summary>
    public void Find(ReadOnlySpan<char> text, Span<byte> seen)
    {
        foreach (var k in _empty) seen[k] = IgnoringCase | Exactly;
        foreach (var k in _singleChars)
        {
            var c = _literals[k][0];
            if (text.Contains(c)) seen[k] = IgnoringCase | Exactly;
            else if (text.IndexOfAny(char.ToUpperInvariant(c), char.ToLowerInvariant(c)) >= 0) seen[k] = IgnoringCase;
        }
        if (_any is null) return;
        var offset = 0;
        while (true)
        {
            var hit = text[offset..].IndexOfAny(_any);
            if (hit < 0) return;
            offset += hit;
            var rest = text[offset..];
            var first = char.ToUpperInvariant(rest[0]);
            if (first < 128) Mark(rest, _byFirstChar[first], seen);
            Mark(rest, _nonAscii, seen);
            offset++;
        }
    }

    private void Mark(ReadOnlySpan<char> rest, int[] candidates, Span<byte> seen)
    {
        foreach (var k in candidates)
        {
            var literal = _literals[k];
            if (!rest.StartsWith(literal, StringComparison.OrdinalIgnoreCase)) continue;
            seen[k] |= IgnoringCase;
            if (rest.StartsWith(literal, StringComparison.Ordinal)) seen[k] |= Exactly;
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
