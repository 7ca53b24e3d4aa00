namespace RunbookOrchestrator.Masking.Validation;

/// <summary>Measures how random a token looks: Shannon entropy and the character classes it mixes.</summary>
public static class TokenShape
{
    /// <summary>Shannon entropy in bits per character.</summary>
    public static double Entropy(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return 0;
        Span<int> counts = stackalloc int[128];
        var other = 0;
        foreach (var c in s)
            if (c < 128) counts[c]++; else other++;
        double h = 0, n = s.Length;
        foreach (var k in counts)
            if (k > 0) { var p = k / n; h -= p * Math.Log2(p); }
        if (other > 0) { var p = other / n; h -= p * Math.Log2(p); }
        return h;
    }

    /// <summary>How many of upper-case, lower-case, digit and symbol classes occur.</summary>
    public static int CharacterClasses(ReadOnlySpan<char> s)
    {
        bool upper = false, lower = false, digit = false, symbol = false;
        foreach (var c in s)
        {
            if (char.IsAsciiLetterUpper(c)) upper = true;
            else if (char.IsAsciiLetterLower(c)) lower = true;
            else if (char.IsAsciiDigit(c)) digit = true;
            else symbol = true;
        }
        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
    }

    /// <summary>True when <c>[start, end)</c> of <paramref name="text"/> has an upper-case letter, a lower-case letter and a digit.</summary>
    public static bool MixesCaseAndDigits(string text, int start, int end)
    {
        var span = text.AsSpan(start, end - start);
        return span.IndexOfAnyInRange('A', 'Z') >= 0 && span.IndexOfAnyInRange('a', 'z') >= 0 && span.IndexOfAnyInRange('0', '9') >= 0;
    }

    /// <summary>Length of the longest run of characters satisfying <paramref name="predicate"/>.</summary>
    public static int LongestRun(ReadOnlySpan<char> s, Func<char, bool> predicate)
    {
        int best = 0, run = 0;
        foreach (var c in s)
        {
            run = predicate(c) ? run + 1 : 0;
            if (run > best) best = run;
        }
        return best;
    }

    /// <summary>True when every character is a hexadecimal digit or a dash (hashes, UUIDs, git SHAs).</summary>
    public static bool IsHexLike(ReadOnlySpan<char> s) => s.IndexOfAnyExcept("0123456789abcdefABCDEF-") < 0;
}
