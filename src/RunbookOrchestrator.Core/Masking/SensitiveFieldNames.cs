using System.Collections.Concurrent;

namespace RunbookOrchestrator.Masking;

/// <summary>Field names that mark a value as sensitive whatever it looks like (password, token, email, ...).</summary>
public static class SensitiveFieldNames
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["password"] = "password", ["passwd"] = "password", ["pwd"] = "password", ["passphrase"] = "password",
        ["secret"] = "secret", ["token"] = "secret", ["apikey"] = "secret", ["cvv"] = "secret", ["cvc"] = "secret",
        ["ssn"] = "us_ssn", ["nino"] = "uk_nino", ["email"] = "email", ["phone"] = "phone", ["mobile"] = "phone",
        ["card"] = "credit_card", ["pan"] = "credit_card", ["iban"] = "iban",
    };

    private static readonly Dictionary<string, string> Compounds = new(StringComparer.Ordinal)
    {
        ["password"] = "password", ["passwd"] = "password", ["apikey"] = "secret", ["accesskey"] = "secret",
        ["secretkey"] = "secret", ["privatekey"] = "secret", ["clientsecret"] = "secret", ["accesstoken"] = "secret",
        ["refreshtoken"] = "secret", ["authtoken"] = "secret", ["connectionstring"] = "secret",
        ["creditcard"] = "credit_card", ["cardnumber"] = "credit_card", ["emailaddress"] = "email",
        ["phonenumber"] = "phone", ["socialsecurity"] = "us_ssn", ["nationalinsurance"] = "uk_nino",
    };

    // Payloads repeat the same few field names, and classifying one splits and lower-cases it, so the answer is kept.
    // Bounded: a payload keyed by ids would otherwise grow the cache without limit; past the bound names are classified each time.
    private const int MaxCachedNames = 4096;
    private const int MaxCachedNameLength = 128;
    private static readonly ConcurrentDictionary<string, string?> Known = new(StringComparer.Ordinal);
    private static int _knownCount; // ConcurrentDictionary.Count takes every lock, so the bound is counted here

    /// <summary>The masking kind implied by <paramref name="field"/> (e.g. <c>api_key</c> gives <c>secret</c>), or null.</summary>
    public static string? KindOf(string field)
    {
        if (Known.TryGetValue(field, out var known)) return known;
        var kind = Classify(field);
        if (field.Length <= MaxCachedNameLength && Volatile.Read(ref _knownCount) < MaxCachedNames && Known.TryAdd(field, kind))
            Interlocked.Increment(ref _knownCount);
        return kind;
    }

    private static readonly char[] WordTrim = ['_', '-', ' ', '.'];

    private static string? Classify(string field)
    {
        if (field.Length == 0) return null;
        var joined = new string(field.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        foreach (var (compound, kind) in Compounds)
            if (joined.Contains(compound, StringComparison.Ordinal)) return kind;
        foreach (var word in SplitWords(field))
            if (Words.TryGetValue(word, out var kind)) return kind;
        return null;
    }

    // snake_case, kebab-case and camelCase all split into lower-case words.
    private static IEnumerable<string> SplitWords(string field)
    {
        var start = 0;
        for (var i = 1; i <= field.Length; i++)
        {
            var boundary = i == field.Length || !char.IsAsciiLetterOrDigit(field[i])
                           || (char.IsAsciiLetterUpper(field[i]) && char.IsAsciiLetterLower(field[i - 1]));
            if (!boundary) continue;
            var word = field[start..i].Trim(WordTrim);
            if (word.Length > 0) yield return word.ToLowerInvariant();
            start = i < field.Length && !char.IsAsciiLetterOrDigit(field[i]) ? i + 1 : i;
        }
    }
}
