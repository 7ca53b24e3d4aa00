using System.Numerics;

namespace RunbookOrchestrator.Masking;

/// <summary>A set of detectors of one catalog, by number: one bit each, in as many 64-bit words as the catalog needs.</summary>
internal static class DetectorSet
{
    /// <summary>How many words hold a set of <paramref name="detectors"/> detectors.</summary>
    public static int Words(int detectors) => Math.Max(1, (detectors + 63) / 64);

    public static void Add(Span<ulong> set, int detector) => set[detector >> 6] |= 1UL << (detector & 63);

    public static bool Contains(ReadOnlySpan<ulong> set, int detector) => (set[detector >> 6] & (1UL << (detector & 63))) != 0;

    public static bool Intersects(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        for (var w = 0; w < a.Length; w++)
            if ((a[w] & b[w]) != 0) return true;
        return false;
    }

    public static bool IsEmpty(ReadOnlySpan<ulong> set)
    {
        foreach (var word in set)
            if (word != 0) return false;
        return true;
    }

    /// <summary>The number of the first detector in <paramref name="set"/> at or after <paramref name="from"/>, or -1.</summary>
    public static int Next(ReadOnlySpan<ulong> set, int from)
    {
        for (var w = from >> 6; w < set.Length; w++)
        {
            var word = set[w];
            if (w == from >> 6) word &= ulong.MaxValue << (from & 63);
            if (word != 0) return (w << 6) + BitOperations.TrailingZeroCount(word);
        }
        return -1;
    }
}
