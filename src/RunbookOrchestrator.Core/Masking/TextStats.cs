namespace RunbookOrchestrator.Masking;

/// <summary>Counts measured once per text for all triggers.</summary>
/// <param name="Digits">Digits anywhere in the text.</param>
/// <param name="LongestTokenRun">Longest run of <c>[A-Za-z0-9_+/-]</c>.</param>
/// <param name="LongestDigitGroup">Most digits in one digit group (see <see cref="DigitGroups"/>).</param>
/// <param name="LongestUpperRun">Longest run of <c>[A-Z]</c>.</param>
/// <param name="Characters">Which characters occur, as a <see cref="CharMask"/>.</param>
public readonly record struct TextStats(int Digits, int LongestTokenRun, int LongestDigitGroup = 0, int LongestUpperRun = 0, ulong Characters = ulong.MaxValue)
{
    /// <summary>More separators than this between two digits end a digit group.</summary>
    public const int MaxGroupSeparators = 3;

    // What each ASCII character is to the counts, looked up rather than tested: this loop runs over every text.
    private const byte Other = 0, Digit = 1, Upper = 2, Lower = 3, TokenSeparator = 4, Separator = 5, Underscore = 6;
    private static readonly byte[] Kinds = BuildKinds();
    private static readonly ulong[] Masks = Enumerable.Range(0, 128).Select(c => CharMask.Of((char)c)).ToArray();

    private static byte[] BuildKinds()
    {
        var kinds = new byte[128];
        for (var c = 0; c < 128; c++)
            kinds[c] = c switch
            {
                >= '0' and <= '9' => Digit,
                >= 'A' and <= 'Z' => Upper,
                >= 'a' and <= 'z' => Lower,
                '-' or '+' or '/' => TokenSeparator,
                ' ' or '.' or '(' or ')' => Separator,
                '_' => Underscore,
                _ => Other,
            };
        return kinds;
    }

    /// <summary>Measures <paramref name="text"/> in one pass.</summary>
    public static TextStats Of(ReadOnlySpan<char> text)
    {
        int digits = 0, run = 0, longest = 0, upper = 0, longestUpper = 0;
        int group = 0, longestGroup = 0, separators = 0;
        ulong characters = 0;
        var kinds = Kinds;
        var masks = Masks;
        foreach (var c in text)
        {
            byte kind;
            if (c < 128)
            {
                kind = kinds[c];
                characters |= masks[c];
            }
            else
            {
                kind = Other;
                characters = CharMask.All;
            }
            switch (kind)
            {
                case Digit:
                    digits++;
                    separators = 0;
                    upper = 0;
                    if (++group > longestGroup) longestGroup = group;
                    if (++run > longest) longest = run;
                    break;
                case Upper:
                    group = 0;
                    if (++upper > longestUpper) longestUpper = upper;
                    if (++run > longest) longest = run;
                    break;
                case Lower:
                    group = upper = 0;
                    if (++run > longest) longest = run;
                    break;
                case TokenSeparator:
                    upper = 0;
                    if (++separators > MaxGroupSeparators) group = 0;
                    if (++run > longest) longest = run;
                    break;
                case Separator:
                    upper = run = 0;
                    if (++separators > MaxGroupSeparators) group = 0;
                    break;
                case Underscore:
                    group = upper = 0;
                    if (++run > longest) longest = run;
                    break;
                default:
                    group = upper = run = 0;
                    break;
            }
        }
        return new TextStats(digits, longest, longestGroup, longestUpper, characters);
    }

    /// <summary>
    /// Finds the digit groups of <paramref name="text"/> with at least <paramref name="minDigits"/> digits: digits joined by
    /// at most <see cref="MaxGroupSeparators"/> consecutive characters from <c>[ .()+/-]</c>, from the first digit to the last.
    /// Returns how many were written to <paramref name="into"/>, or -1 when there were more than it holds.
    /// </summary>
    internal static int DigitGroups(ReadOnlySpan<char> text, int minDigits, Span<TextWindow> into)
    {
        minDigits = Math.Max(1, minDigits);
        int count = 0, first = -1, last = -1, digits = 0, separators = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : '\0';
            if ((uint)(c - '0') <= 9)
            {
                if (digits == 0) first = i;
                digits++;
                last = i;
                separators = 0;
                continue;
            }
            if (digits > 0 && IsGroupSeparator(c) && ++separators <= MaxGroupSeparators) continue;
            if (digits >= minDigits)
            {
                if (count == into.Length) return -1;
                into[count++] = new TextWindow(first, last + 1, digits);
            }
            digits = 0;
            separators = IsGroupSeparator(c) ? 1 : 0;
        }
        return count;
    }

    /// <summary>Finds the runs of <c>[A-Za-z0-9_+/-]</c> at least <paramref name="minLength"/> long, like <see cref="DigitGroups"/>.</summary>
    internal static int TokenRuns(ReadOnlySpan<char> text, int minLength, Span<TextWindow> into)
    {
        minLength = Math.Max(1, minLength);
        var count = 0;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && IsTokenChar(text[i]))
            {
                if (start < 0) start = i;
                continue;
            }
            if (start >= 0 && i - start >= minLength)
            {
                if (count == into.Length) return -1;
                into[count++] = new TextWindow(start, i, i - start);
            }
            start = -1;
        }
        return count;
    }

    private static bool IsGroupSeparator(char c) => c is ' ' or '.' or '(' or ')' or '+' or '/' or '-';

    private static bool IsTokenChar(char c) =>
        (uint)(c - '0') <= 9 || (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c is '_' or '-' or '+' or '/';
}
