using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RunbookOrchestrator.Masking;

/// <summary>Counts measured once per text for all triggers.</summary>
/// <param name="Digits">Digits anywhere in the text.</param>
/// <param name="LongestTokenRun">Longest run of <c>[A-Za-z0-9_+/-]</c>.</param>
/// <param name="LongestDigitGroup">Most digits in one digit group (see <see cref="DigitGroups"/>).</param>
/// <param name="Characters">Which characters occur, as a <see cref="CharMask"/>.</param>
public readonly record struct TextStats(int Digits, int LongestTokenRun, int LongestDigitGroup = 0, ulong Characters = ulong.MaxValue)
{
    /// <summary>More separators than this between two digits end a digit group.</summary>
    public const int MaxGroupSeparators = 3;

    // What each ASCII character is to the counts, as masks looked up rather than tested: this loop runs over every
    // text, and branching on the kind of each character cost more than the counting (the top of the profile).
    // Each field is all ones or 0 (Digit is 1 or 0), so a counter is kept or reset with one AND.
    private readonly struct CharClass(ulong mask, int token, int digit, int separator)
    {
        public readonly ulong Mask = mask;
        public readonly int Token = token, Digit = digit, NotDigit = digit - 1, DigitKeeps = -digit, Separator = separator;
    }

    private const byte DigitFlag = 1, TokenFlag = 4, GroupSeparatorFlag = 8;
    private static readonly byte[] Flags = BuildFlags();
    private static readonly CharClass[] Classes = Enumerable.Range(0, 128).Select(c => new CharClass(CharMask.Of((char)c),
        -((Flags[c] & TokenFlag) >> 2), Flags[c] & DigitFlag, -((Flags[c] & GroupSeparatorFlag) >> 3))).ToArray();
    private static readonly CharClass NonAscii = new(CharMask.All, 0, 0, 0);

    private static byte[] BuildFlags()
    {
        var flags = new byte[128];
        for (var c = 0; c < 128; c++)
            flags[c] = c switch
            {
                >= '0' and <= '9' => DigitFlag | TokenFlag,
                >= 'A' and <= 'Z' or >= 'a' and <= 'z' or '_' => TokenFlag,
                '-' or '+' or '/' => TokenFlag | GroupSeparatorFlag,
                ' ' or '.' or '(' or ')' => GroupSeparatorFlag,
                _ => 0,
            };
        return flags;
    }

    /// <summary>Measures <paramref name="text"/> in one pass.</summary>
    public static TextStats Of(ReadOnlySpan<char> text)
    {
        int digits = 0, run = 0, longest = 0;
        int group = 0, longestGroup = 0, separators = 0;
        ulong characters = 0;
        ref var classes = ref MemoryMarshal.GetArrayDataReference(Classes);
        foreach (var c in text)
        {
            ref readonly var k = ref c < 128 ? ref Unsafe.Add(ref classes, c) : ref Unsafe.AsRef(in NonAscii);
            characters |= k.Mask;
            digits += k.Digit;
            run = (run + 1) & k.Token;
            longest = Math.Max(longest, run);
            // A digit group survives up to MaxGroupSeparators separators in a row; separators only count after a digit.
            separators = (separators + (k.Separator & 1)) & k.NotDigit;
            group = (group + k.Digit) & (k.DigitKeeps | (k.Separator & ((separators - MaxGroupSeparators - 1) >> 31)));
            longestGroup = Math.Max(longestGroup, group);
        }
        return new TextStats(digits, longest, longestGroup, characters);
    }

    /// <summary>
    /// Finds the digit groups of <paramref name="text"/> with at least <paramref name="minDigits"/> digits: digits joined by
    /// at most <see cref="MaxGroupSeparators"/> consecutive characters from <c>[ .()+/-]</c>, from the first digit to the last.
    /// Returns how many were written to <paramref name="into"/>, or -1 when there were more than it holds.
    /// </summary>
    internal static int DigitGroups(ReadOnlySpan<char> text, int minDigits, Span<TextWindow> into)
    {
        minDigits = Math.Max(1, minDigits);
        var count = 0;
        var i = 0;
        // Groups start at a digit, so the text between them is skipped by a vectorised search.
        while (i < text.Length)
        {
            var next = text[i..].IndexOfAnyInRange('0', '9');
            if (next < 0) break;
            i += next;
            int first = i, last = i, digits = 0, separators = 0;
            for (; i < text.Length; i++)
            {
                var c = text[i];
                if ((uint)(c - '0') <= 9)
                {
                    digits++;
                    last = i;
                    separators = 0;
                }
                else if (!IsGroupSeparator(c) || ++separators > MaxGroupSeparators) break;
            }
            if (digits < minDigits) continue;
            if (count == into.Length) return -1;
            into[count++] = new TextWindow(first, last + 1, digits);
        }
        return count;
    }

    private static readonly SearchValues<char> TokenChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+/-");

    /// <summary>Finds the runs of <c>[A-Za-z0-9_+/-]</c> at least <paramref name="minLength"/> long, like <see cref="DigitGroups"/>.</summary>
    internal static int TokenRuns(ReadOnlySpan<char> text, int minLength, Span<TextWindow> into)
    {
        minLength = Math.Max(1, minLength);
        var count = 0;
        var i = 0;
        while (i < text.Length)
        {
            var start = text[i..].IndexOfAny(TokenChars);
            if (start < 0) break;
            i += start;
            var length = text[i..].IndexOfAnyExcept(TokenChars);
            var end = length < 0 ? text.Length : i + length;
            if (end - i >= minLength)
            {
                if (count == into.Length) return -1;
                into[count++] = new TextWindow(i, end, end - i);
            }
            i = end;
        }
        return count;
    }

    private static bool IsGroupSeparator(char c) => c < 128 && (Flags[c] & GroupSeparatorFlag) != 0;

}
