namespace RunbookOrchestrator.Masking;

/// <summary>
/// Which ASCII characters a text holds, as 64 bits (letters folded to one case; symbols may share a bit), so a trigger
/// substring whose characters are not all there is ruled out without searching. Non-ASCII text sets every bit, because
/// case-insensitive comparison can match some non-ASCII characters to ASCII ones.
/// </summary>
internal static class CharMask
{
    /// <summary>The mask of a text holding every character.</summary>
    public const ulong All = ulong.MaxValue;

    /// <summary>The bit of <paramref name="c"/>, or <see cref="All"/> for a non-ASCII character.</summary>
    public static ulong Of(char c)
    {
        if (c >= 128) return All;
        if ((uint)((c | 0x20) - 'a') <= 'z' - 'a') return 1UL << ((c | 0x20) - 'a');
        if ((uint)(c - '0') <= 9) return 1UL << (26 + c - '0');
        return 1UL << (36 + c % 28);
    }

    /// <summary>The union of the bits of every character of <paramref name="text"/>.</summary>
    public static ulong Of(ReadOnlySpan<char> text)
    {
        ulong mask = 0;
        foreach (var c in text) mask |= Of(c);
        return mask;
    }

    /// <summary>True when a text with mask <paramref name="text"/> can contain a substring with mask <paramref name="substring"/>.</summary>
    public static bool CanContain(ulong text, ulong substring) => (text & substring) == substring;
}
