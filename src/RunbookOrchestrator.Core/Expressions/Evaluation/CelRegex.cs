using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RunbookOrchestrator.Expressions;

/// <summary>RE2-style regular expressions for <c>matches()</c>, translated to .NET syntax and bounded by a match time limit.</summary>
/// <remarks>Constructs RE2 lacks (backreferences, lookaround, atomic groups, conditionals) are rejected up front, because accepting them
/// would make CEL programs non-portable. .NET's NonBacktracking engine is not used: in concurrent test runs it returned wrong
/// answers for simple patterns, so the backtracking engine runs under <see cref="CelLimits.RegexTimeout"/> instead.</remarks>
internal static class CelRegex
{
    private const int MaxCachedPerThread = 64;

    // Per-thread instances keep lookups lock-free; a pattern is cheap to compile again on another thread.
    [ThreadStatic] private static Dictionary<string, Regex>? _cache;

    public static CelValue Matches(string input, string pattern)
    {
        if (GetOrCompile(pattern) is not { } regex) return new CelError(Explain(pattern));
        try
        {
            return CelBool.Of(regex.IsMatch(input));
        }
        catch (RegexMatchTimeoutException)
        {
            return new CelError($"regex match exceeded the time limit of {CelLimits.RegexTimeout.TotalMilliseconds} ms");
        }
    }

    private static Regex? GetOrCompile(string pattern)
    {
        var cache = _cache ??= new Dictionary<string, Regex>(StringComparer.Ordinal);
        if (cache.TryGetValue(pattern, out var cached)) return cached;
        if (Unsupported(pattern) is not null) return null;
        Regex regex;
        try
        {
            regex = new Regex(Translate(pattern), RegexOptions.CultureInvariant, CelLimits.RegexTimeout);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null;
        }
        if (cache.Count >= MaxCachedPerThread) cache.Clear();
        cache[pattern] = regex;
        return regex;
    }

    private static string Explain(string pattern)
    {
        if (Unsupported(pattern) is { } construct) return $"invalid regex: {construct} is not supported (RE2 syntax)";
        try
        {
            _ = new Regex(Translate(pattern), RegexOptions.CultureInvariant, CelLimits.RegexTimeout);
            return "invalid regex";
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return $"invalid regex: {e.Message}";
        }
    }

    /// <summary>Names the first construct RE2 does not support, scanning outside character classes.</summary>
    private static string? Unsupported(string pattern)
    {
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var n = pattern[i + 1];
                if (!inClass && (n is >= '1' and <= '9' || n == 'k')) return "a backreference";
                if (n is 'G' or 'Z' or 'e' or 'c') return $"the escape \\{n}";
                i++;
                continue;
            }
            if (inClass)
            {
                // .NET would match each half of a surrogate pair separately, so such a class could answer wrongly.
                if (char.IsSurrogate(c)) return "a character outside the Basic Multilingual Plane inside [...]";
                if (PosixClassAt(pattern, i) is { } posix) i += posix.Length - 1;
                else if (c == ']') inClass = false;
                continue;
            }
            if (c == '[')
            {
                inClass = true;
                if (i + 1 < pattern.Length && pattern[i + 1] == '^') i++;
                if (i + 1 < pattern.Length && pattern[i + 1] == ']') i++;
                continue;
            }
            if (c == '(' && i + 1 < pattern.Length && pattern[i + 1] == '?')
            {
                var rest = pattern.AsSpan(i + 2);
                if (rest.StartsWith("=") || rest.StartsWith("!") || rest.StartsWith("<=") || rest.StartsWith("<!")) return "lookaround";
                if (rest.StartsWith(">")) return "an atomic group";
                if (rest.StartsWith("(")) return "a conditional group";
                if (rest.StartsWith("#")) return "an inline comment";
                // RE2 knows the flags i, m, s and U; .NET would accept x and n with a different meaning, and has no U.
                var flagsEnd = rest.IndexOfAnyExcept("imsxnU-");
                if (flagsEnd > 0 && rest[flagsEnd] is ')' or ':')
                    foreach (var flag in rest[..flagsEnd])
                        if (flag is 'x' or 'n' or 'U') return $"the flag {flag}";
            }
            if (c is '*' or '+' or '?' or '}' && i + 1 < pattern.Length && pattern[i + 1] == '+') return "a possessive quantifier";
            if (c == '{' && RepeatCount(pattern, i) > 1000) return "a repetition count above 1000";
        }
        return null;
    }

    /// <summary>The largest count of a <c>{n}</c>, <c>{n,}</c> or <c>{n,m}</c> repetition at <paramref name="open"/>, or -1 when the
    /// brace is a literal; RE2 rejects counts above 1000, which .NET would accept.</summary>
    private static int RepeatCount(string pattern, int open)
    {
        var close = pattern.IndexOf('}', open);
        if (close < 0) return -1;
        var parts = pattern[(open + 1)..close].Split(',');
        if (parts.Length > 2 || parts[0].Length == 0 || !parts.All(p => p.All(char.IsAsciiDigit))) return -1;
        return parts.Max(p => p.Length == 0 ? 0 : p.Length > 6 ? int.MaxValue : int.Parse(p, CultureInfo.InvariantCulture));
    }

    private const string WordChars = "0-9A-Za-z_";
    private const string AstralCodePoint = @"[\uD800-\uDBFF][\uDC00-\uDFFF]";

    // RE2's \b is an ASCII word boundary; .NET's would also treat letters such as 'é' as word characters.
    private const string WordBoundary = $"(?:(?<=[{WordChars}])(?![{WordChars}])|(?<![{WordChars}])(?=[{WordChars}]))";
    private const string NotWordBoundary = $"(?:(?<=[{WordChars}])(?=[{WordChars}])|(?<![{WordChars}])(?![{WordChars}]))";

    /// <summary>A negated set that, like RE2, consumes a whole code point (both halves of a surrogate pair) when it matches one.</summary>
    private static string NotIn(string ranges) => $"(?:{AstralCodePoint}|[^{ranges}\\uD800-\\uDFFF])";

    /// <summary>Rewrites RE2 spellings .NET reads differently: (?P&lt;name&gt; groups; $ (end of text unless (?m));
    /// ASCII-only \d \w \s \b; POSIX classes such as [[:alpha:]]; a literal '[' inside a class (which .NET would read as
    /// class subtraction); one-letter \pL; and code points rather than UTF-16 units for '.', negated sets and characters
    /// outside the BMP.</summary>
    private static string Translate(string pattern)
    {
        var multiline = HasFlag(pattern, 'm');
        var dotAll = HasFlag(pattern, 's');
        var sb = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        var negatedClass = false;
        var classContentStart = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var n = pattern[++i];
                if (n == 'x' && i + 1 < pattern.Length && pattern[i + 1] == '{')
                {
                    i = AppendBracedHex(pattern, i + 1, inClass, sb);
                    continue;
                }
                if (n == 'Q' && !inClass)
                {
                    var end = pattern.IndexOf(@"\E", i + 1, StringComparison.Ordinal);
                    var literal = end < 0 ? pattern[(i + 1)..] : pattern[(i + 1)..end];
                    sb.Append("(?:").Append(Regex.Escape(literal)).Append(')');
                    i = end < 0 ? pattern.Length : end + 1;
                    continue;
                }
                if (n is 'p' or 'P' && i + 1 < pattern.Length && pattern[i + 1] != '{')
                {
                    sb.Append('\\').Append(n).Append('{').Append(pattern[++i]).Append('}');
                    continue;
                }
                sb.Append((inClass, n) switch
                {
                    (false, 'd') => "[0-9]",
                    (false, 'D') => NotIn("0-9"),
                    (false, 'w') => $"[{WordChars}]",
                    (false, 'W') => NotIn(WordChars),
                    (false, 's') => @"[\t\n\f\r ]",
                    (false, 'S') => NotIn(@"\t\n\f\r "),
                    (false, 'b') => WordBoundary,
                    (false, 'B') => NotWordBoundary,
                    (true, 'd') => "0-9",
                    (true, 'w') => WordChars,
                    (true, 's') => @"\t\n\f\r ",
                    _ => "\\" + n,
                });
                continue;
            }
            if (inClass)
            {
                if (PosixClassAt(pattern, i) is { } posix)
                {
                    sb.Append(PosixRanges(posix));
                    i += posix.Length - 1;
                }
                else if (c == ']')
                {
                    inClass = false;
                    sb.Append(negatedClass ? @"\uD800-\uDFFF])" : "]");
                }
                else
                {
                    // A '-' that is first or last in the class is literal; escaping it keeps it literal when the
                    // surrogate range is appended to a negated class.
                    var literalDash = c == '-' && (i == classContentStart || (i + 1 < pattern.Length && pattern[i + 1] == ']'));
                    sb.Append(c == '[' ? @"\[" : literalDash ? @"\-" : c.ToString());
                }
                continue;
            }
            switch (c)
            {
                case '[':
                    inClass = true;
                    negatedClass = i + 1 < pattern.Length && pattern[i + 1] == '^';
                    if (negatedClass)
                    {
                        sb.Append("(?:").Append(AstralCodePoint).Append("|[^");
                        i++;
                    }
                    else
                    {
                        sb.Append('[');
                    }
                    if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                    {
                        sb.Append(@"\]");
                        i++;
                    }
                    classContentStart = i + 1;
                    break;
                case '(' when pattern.AsSpan(i).StartsWith("(?P<"):
                    sb.Append("(?<");
                    i += 3;
                    break;
                case '$' when !multiline:
                    sb.Append(@"\z");
                    break;
                case '.':
                    sb.Append("(?:").Append(AstralCodePoint).Append(dotAll ? @"|[^\uD800-\uDFFF])" : @"|[^\n\uD800-\uDFFF])");
                    break;
                case var high when char.IsHighSurrogate(high) && i + 1 < pattern.Length && char.IsLowSurrogate(pattern[i + 1]):
                    sb.Append("(?:").Append(high).Append(pattern[++i]).Append(')');
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Appends RE2's <c>\x{10FFFF}</c> form, which .NET lacks, and returns the index of the closing brace.</summary>
    private static int AppendBracedHex(string pattern, int open, bool inClass, StringBuilder sb)
    {
        var close = pattern.IndexOf('}', open);
        if (close < 0 || !int.TryParse(pattern.AsSpan(open + 1, close - open - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var cp)
            || cp > 0x10FFFF || cp is >= 0xD800 and <= 0xDFFF)
            throw new ArgumentException("invalid \\x{...} escape");
        if (cp <= 0xFFFF)
        {
            sb.Append($"\\u{cp:X4}");
        }
        else
        {
            if (inClass) throw new ArgumentException("a character outside the Basic Multilingual Plane inside [...] is not supported");
            var pair = char.ConvertFromUtf32(cp);
            sb.Append($"(?:\\u{(int)pair[0]:X4}\\u{(int)pair[1]:X4})");
        }
        return close;
    }

    private static readonly Dictionary<string, string> PosixClasses = new(StringComparer.Ordinal)
    {
        ["alnum"] = "0-9A-Za-z", ["alpha"] = "A-Za-z", ["ascii"] = @"\x00-\x7F", ["blank"] = @"\t ",
        ["cntrl"] = @"\x00-\x1F\x7F", ["digit"] = "0-9", ["graph"] = @"!-~", ["lower"] = "a-z",
        ["print"] = " -~", ["punct"] = @"!-/:-@\[-`{-~", ["space"] = @"\t\n\v\f\r ", ["upper"] = "A-Z",
        ["word"] = WordChars, ["xdigit"] = "0-9A-Fa-f",
    };

    // Complements within the BMP, for [[:^alpha:]]; surrogates stay excluded as everywhere else.
    private static readonly Dictionary<string, string> NegatedPosixClasses = new(StringComparer.Ordinal)
    {
        ["alnum"] = @"\x00-/:-@\[-`{-\uD7FF\uE000-\uFFFF", ["alpha"] = @"\x00-@\[-`{-\uD7FF\uE000-\uFFFF",
        ["ascii"] = @"\x80-\uD7FF\uE000-\uFFFF", ["blank"] = @"\x00-\x08\n-\x1F!-\uD7FF\uE000-\uFFFF",
        ["cntrl"] = @" -~\x80-\uD7FF\uE000-\uFFFF", ["digit"] = @"\x00-/:-\uD7FF\uE000-\uFFFF",
        ["graph"] = @"\x00- \x7F-\uD7FF\uE000-\uFFFF", ["lower"] = @"\x00-`{-\uD7FF\uE000-\uFFFF",
        ["print"] = @"\x00-\x1F\x7F-\uD7FF\uE000-\uFFFF", ["punct"] = @"\x00-\x200-9A-Za-z\x7F-\uD7FF\uE000-\uFFFF",
        ["space"] = @"\x00-\x08\x0E-\x1F!-\uD7FF\uE000-\uFFFF", ["upper"] = @"\x00-@\[-\uD7FF\uE000-\uFFFF",
        ["word"] = @"\x00-/:-@\[-\^`{-\uD7FF\uE000-\uFFFF", ["xdigit"] = @"\x00-/:-@G-`g-\uD7FF\uE000-\uFFFF",
    };

    /// <summary>The POSIX class token (such as "[:alpha:]" or "[:^digit:]") starting at <paramref name="index"/> inside a class, or null.</summary>
    private static string? PosixClassAt(string pattern, int index)
    {
        if (!pattern.AsSpan(index).StartsWith("[:")) return null;
        var close = pattern.IndexOf(":]", index + 2, StringComparison.Ordinal);
        if (close < 0) return null;
        var name = pattern[(index + 2)..close].TrimStart('^');
        return PosixClasses.ContainsKey(name) ? pattern[index..(close + 2)] : null;
    }

    private static string PosixRanges(string token)
    {
        var negated = token[2] == '^';
        var name = token[(negated ? 3 : 2)..^2];
        return negated ? NegatedPosixClasses[name] : PosixClasses[name];
    }

    /// <summary>Whether an inline flag group such as (?m) or (?im:...) sets the flag.</summary>
    private static bool HasFlag(string pattern, char flag)
    {
        for (var i = pattern.IndexOf("(?", StringComparison.Ordinal); i >= 0; i = pattern.IndexOf("(?", i + 2, StringComparison.Ordinal))
        {
            var j = i + 2;
            while (j < pattern.Length && (char.IsAsciiLetter(pattern[j]) || pattern[j] == '-'))
            {
                if (pattern[j] == '-') break;
                if (pattern[j] == flag) return true;
                j++;
            }
        }
        return false;
    }
}
