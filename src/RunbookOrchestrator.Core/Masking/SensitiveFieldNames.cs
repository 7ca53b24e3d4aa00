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

    /// <summary>The masking kind implied by <paramref name="field"/> (e.g. <c>api_key</c> gives <c>secret</c>), or null.</summary>
    public static string? KindOf(string field)
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
            var word = field[start..i].Trim('_', '-', ' ', '.');
            if (word.Length > 0) yield return word.ToLowerInvariant();
            start = i < field.Length && !char.IsAsciiLetterOrDigit(field[i]) ? i + 1 : i;
        }
    }
}
