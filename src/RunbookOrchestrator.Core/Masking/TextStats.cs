namespace RunbookOrchestrator.Masking;

/// <summary>Counts measured once per text for all triggers.</summary>
/// <param name="Digits">Digits anywhere in the text.</param>
/// <param name="LongestTokenRun">Longest run of <c>[A-Za-z0-9_+/-]</c>.</param>
/// <param name="LongestDigitGroup">Most digits in one group of digits joined by up to three separators from <c>[ .()+/-]</c> (how card, phone and id numbers are written).</param>
public readonly record struct TextStats(int Digits, int LongestTokenRun, int LongestDigitGroup = 0)
{
    /// <summary>Separators between two digits that run past this length end the digit group.</summary>
    public const int MaxGroupSeparators = 3;

    /// <summary>Measures <paramref name="text"/> in one pass.</summary>
    public static TextStats Of(ReadOnlySpan<char> text)
    {
        int digits = 0, run = 0, longest = 0;
        int group = 0, longestGroup = 0, separators = 0;
        foreach (var c in text)
        {
            if ((uint)(c - '0') <= 9)
            {
                digits++;
                separators = 0;
                if (++group > longestGroup) longestGroup = group;
                if (++run > longest) longest = run;
                continue;
            }
            if ((uint)((c | 0x20) - 'a') <= 'z' - 'a')
            {
                group = 0;
                if (++run > longest) longest = run;
                continue;
            }
            switch (c)
            {
                case '-' or '+' or '/':
                    if (++run > longest) longest = run;
                    if (++separators > MaxGroupSeparators) group = 0;
                    break;
                case ' ' or '.' or '(' or ')':
                    run = 0;
                    if (++separators > MaxGroupSeparators) group = 0;
                    break;
                case '_':
                    group = 0;
                    if (++run > longest) longest = run;
                    break;
                default:
                    run = 0;
                    group = 0;
                    break;
            }
        }
        return new TextStats(digits, longest, longestGroup);
    }
}
