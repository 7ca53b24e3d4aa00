namespace RunbookOrchestrator.Masking;

/// <summary>
/// Which detectors a text's counts let through (<see cref="DetectorTrigger.AllowsCounts"/>), found with one table
/// lookup per count rather than by comparing every detector's minimums: this runs on every text, and the comparisons
/// were a tenth of the masking profile.
/// </summary>
internal sealed class DetectorGates
{
    private readonly int _words;
    private readonly Count[] _counts;

    // For one count: Sets[v] is the set of detectors whose minimum is at most v; values above the largest minimum use
    // the last set.
    private sealed record Count(ulong[] Sets, int Largest);

    public DetectorGates(IReadOnlyList<Detector> detectors)
    {
        _words = DetectorSet.Words(detectors.Count);
        _counts =
        [
            Table(detectors, t => t.MinLength), Table(detectors, t => t.MinDigits), Table(detectors, t => t.MinTokenRun),
            Table(detectors, t => t.MinDigitGroup),
        ];
    }

    /// <summary>How many words a set of this catalog's detectors takes.</summary>
    public int Words => _words;

    private Count Table(IReadOnlyList<Detector> detectors, Func<DetectorTrigger, int> minimum)
    {
        var largest = detectors.Count == 0 ? 0 : detectors.Max(d => Math.Max(0, minimum(d.Trigger)));
        var sets = new ulong[(largest + 1) * _words];
        for (var v = 0; v <= largest; v++)
            for (var d = 0; d < detectors.Count; d++)
                if (minimum(detectors[d].Trigger) <= v) DetectorSet.Add(sets.AsSpan(v * _words, _words), d);
        return new Count(sets, largest);
    }

    /// <summary>Writes into <paramref name="passing"/> (<see cref="Words"/> long) the detectors a text of <paramref name="length"/> with <paramref name="stats"/> passes.</summary>
    public void Passing(int length, in TextStats stats, Span<ulong> passing)
    {
        var byLength = Set(_counts[0], length);
        var digits = Set(_counts[1], stats.Digits);
        var run = Set(_counts[2], stats.LongestTokenRun);
        var group = Set(_counts[3], stats.LongestDigitGroup);
        for (var w = 0; w < _words; w++) passing[w] = byLength[w] & digits[w] & run[w] & group[w];
    }

    private ReadOnlySpan<ulong> Set(Count count, int value) => count.Sets.AsSpan(Math.Min(value, count.Largest) * _words, _words);
}
