using RunbookOrchestrator.Bench.Masking;
using RunbookOrchestrator.Masking;

namespace RunbookOrchestrator.Tests.Masking;

// TextStats is written for speed (flags and masks instead of branches, vectorised skips); these straightforward
// versions of the same definitions must agree with it on every text, or triggers would silently lose detections.
public class TextStatsReferenceTests
{
    private const string Alphabet = "0123456789AZaz_-+/ .()@:=;,é\t\"'";

    private static IEnumerable<string> Texts()
    {
        var random = new Random(11);
        for (var i = 0; i < 4000; i++)
        {
            var chars = new char[random.Next(0, 60)];
            for (var k = 0; k < chars.Length; k++) chars[k] = Alphabet[random.Next(Alphabet.Length)];
            yield return new string(chars);
        }
        foreach (var t in MaskingCorpus.Generate(perType: 20)) yield return t.Text;
        foreach (var t in MaskingCorpus.GenerateHardNegatives(perKind: 5)) yield return t;
        foreach (var t in ApprovalPayloads.Generate(20)) yield return t;
    }

    [Fact]
    public void Counts_match_a_character_by_character_reference()
    {
        foreach (var text in Texts()) Assert.True(Reference(text) == TextStats.Of(text), text);
    }

    [Fact]
    public void Digit_groups_and_token_runs_match_a_character_by_character_reference()
    {
        foreach (var text in Texts())
            foreach (var min in new[] { 1, 2, 6, 13, 20 })
            {
                Span<TextWindow> fast = new TextWindow[text.Length + 1], slow = new TextWindow[text.Length + 1];
                Assert.Equal(Windows(slow, ReferenceGroups(text, min, slow)), Windows(fast, TextStats.DigitGroups(text, min, fast)));
                Assert.Equal(Windows(slow, ReferenceRuns(text, min, slow)), Windows(fast, TextStats.TokenRuns(text, min, fast)));
            }
    }

    private static string Windows(Span<TextWindow> windows, int count) =>
        count < 0 ? "overflow" : string.Join(",", windows[..count].ToArray().Select(w => $"{w.Start}-{w.End}:{w.Weight}"));

    private static bool IsGroupSeparator(char c) => c is ' ' or '.' or '(' or ')' or '+' or '/' or '-';

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '+' or '/';

    private static TextStats Reference(string text)
    {
        int digits = 0, run = 0, longest = 0, group = 0, longestGroup = 0, separators = 0;
        ulong characters = 0;
        foreach (var c in text)
        {
            characters |= CharMask.Of(c);
            if (char.IsAsciiDigit(c))
            {
                digits++;
                separators = 0;
                longestGroup = Math.Max(longestGroup, ++group);
            }
            else if (IsGroupSeparator(c))
            {
                if (++separators > TextStats.MaxGroupSeparators) group = 0;
            }
            else group = 0;
            run = IsTokenChar(c) ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return new TextStats(digits, longest, longestGroup, characters);
    }

    private static int ReferenceGroups(string text, int minDigits, Span<TextWindow> into)
    {
        int count = 0, first = -1, last = -1, digits = 0, separators = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : '\0';
            if (char.IsAsciiDigit(c))
            {
                if (digits == 0) first = i;
                digits++;
                last = i;
                separators = 0;
                continue;
            }
            if (digits > 0 && IsGroupSeparator(c) && ++separators <= TextStats.MaxGroupSeparators) continue;
            if (digits >= Math.Max(1, minDigits)) into[count++] = new TextWindow(first, last + 1, digits);
            digits = 0;
            separators = 0;
        }
        return count;
    }

    private static int ReferenceRuns(string text, int minLength, Span<TextWindow> into)
    {
        int count = 0, start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && IsTokenChar(text[i]))
            {
                if (start < 0) start = i;
                continue;
            }
            if (start >= 0 && i - start >= Math.Max(1, minLength)) into[count++] = new TextWindow(start, i, i - start);
            start = -1;
        }
        return count;
    }
}
