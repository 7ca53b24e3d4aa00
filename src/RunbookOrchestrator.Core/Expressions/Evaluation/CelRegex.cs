using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace RunbookOrchestrator.Expressions;

/// <summary>RE2-style regular expressions for <c>matches()</c> on .NET's non-backtracking engine, so matching time stays linear.</summary>
/// <remarks>Constructs RE2 lacks (backreferences, lookaround, atomic groups, conditionals) are rejected up front, because accepting them would make CEL programs non-portable.</remarks>
internal static class CelRegex
{
    private const int MaxCached = 256;
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

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
        if (Cache.TryGetValue(pattern, out var cached)) return cached;
        if (Unsupported(pattern) is not null) return null;
        Regex regex;
        try
        {
            regex = new Regex(Translate(pattern), RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, CelLimits.RegexTimeout);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null;
        }
        if (Cache.Count >= MaxCached) Cache.Clear();
        Cache[pattern] = regex;
        return regex;
    }

    private static string Explain(string pattern)
    {
        if (Unsupported(pattern) is { } construct) return $"invalid regex: {construct} is not supported (RE2 syntax)";
        try
        {
            _ = new Regex(Translate(pattern), RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, CelLimits.RegexTimeout);
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
                if (c == ']') inClass = false;
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
            }
            if (c is '*' or '+' or '?' or '}' && i + 1 < pattern.Length && pattern[i + 1] == '+') return "a possessive quantifier";
        }
        return null;
    }

    /// <summary>Rewrites RE2 spellings .NET reads differently: (?P&lt;name&gt; groups; $ (end of text unless (?m));
    /// ASCII-only \d \w \s; and code points rather than UTF-16 units for '.' and characters outside the BMP.</summary>
    private static string Translate(string pattern)
    {
        var multiline = HasFlag(pattern, 'm');
        var dotAll = HasFlag(pattern, 's');
        var sb = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var n = pattern[++i];
                sb.Append((inClass, n) switch
                {
                    (false, 'd') => "[0-9]",
                    (false, 'D') => "[^0-9]",
                    (false, 'w') => "[0-9A-Za-z_]",
                    (false, 'W') => "[^0-9A-Za-z_]",
                    (false, 's') => @"[\t\n\f\r ]",
                    (false, 'S') => @"[^\t\n\f\r ]",
                    (true, 'd') => "0-9",
                    (true, 'w') => "0-9A-Za-z_",
                    (true, 's') => @"\t\n\f\r ",
                    _ => "\\" + n,
                });
                continue;
            }
            if (inClass)
            {
                if (c == ']') inClass = false;
                sb.Append(c);
                continue;
            }
            switch (c)
            {
                case '[':
                    inClass = true;
                    sb.Append(c);
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^') sb.Append(pattern[++i]);
                    if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                    {
                        sb.Append(@"\]");
                        i++;
                    }
                    break;
                case '(' when pattern.AsSpan(i).StartsWith("(?P<"):
                    sb.Append("(?<");
                    i += 3;
                    break;
                case '$' when !multiline:
                    sb.Append(@"\z");
                    break;
                case '.':
                    sb.Append(dotAll ? @"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|[^\uD800-\uDFFF])" : @"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|[^\n\uD800-\uDFFF])");
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
