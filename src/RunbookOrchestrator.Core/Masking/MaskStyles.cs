using RunbookOrchestrator.Masking.Validation;

namespace RunbookOrchestrator.Masking;

/// <summary>The mask formats: each keeps the kind and a small hint, never enough to rebuild the value.</summary>
public static class MaskStyles
{
    /// <summary><c>j***@example.com</c>: first letter of the local part and the domain.</summary>
    public static string Email(string raw)
    {
        var at = raw.LastIndexOf('@');
        if (at <= 0 || at == raw.Length - 1) return "[email]";
        return $"{raw[0]}***@{raw[(at + 1)..]}";
    }

    /// <summary><c>+1 ***-***-**67</c>: the country code when written, separators, and the last two digits.</summary>
    public static string Phone(string raw)
    {
        var chars = raw.ToCharArray();
        var totalDigits = chars.Count(char.IsAsciiDigit);
        if (totalDigits < 4) return "[phone]";
        var keepFrom = totalDigits - 2;
        var countryEnd = CountryCodeEnd(raw);
        var seen = 0;
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsAsciiDigit(chars[i])) continue;
            if (i >= countryEnd && seen < keepFrom) chars[i] = '*';
            seen++;
        }
        return new string(chars);
    }

    // The digits right after '+' up to the first separator, when that is 1-3 digits long, are the country code.
    private static int CountryCodeEnd(string raw)
    {
        if (!raw.StartsWith('+')) return 0;
        var i = 1;
        while (i < raw.Length && char.IsAsciiDigit(raw[i])) i++;
        if (i - 1 is >= 1 and <= 3 && i < raw.Length) return i;
        return raw.Length > 2 && raw[1] == '1' ? 2 : Math.Min(3, raw.Length);
    }

    /// <summary><c>**** **** **** 4242</c>: the last four digits only.</summary>
    public static string Card(string raw)
    {
        var digits = new string(raw.Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= 12 ? $"**** **** **** {digits[^4..]}" : "[card]";
    }

    /// <summary><c>GB** **** … [iban]</c>: the country only.</summary>
    public static string Iban(string raw)
    {
        var country = raw.Length >= 2 && char.IsAsciiLetter(raw[0]) && char.IsAsciiLetter(raw[1]) ? raw[..2].ToUpperInvariant() : "??";
        return $"{country}** **** … [iban]";
    }

    /// <summary><c>***-**-6789</c>: the serial only.</summary>
    public static string UsSsn(string raw)
    {
        var digits = new string(raw.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 9 ? $"***-**-{digits[5..]}" : "[ssn]";
    }

    /// <summary><c>QQ ** ** ** * [nino]</c>: the prefix letters only.</summary>
    public static string UkNino(string raw)
    {
        var compact = raw.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return compact.Length == 9 ? $"{compact[..2]} ** ** ** * [nino]" : "[nino]";
    }

    /// <summary><c>AKIA…[aws-key]</c>: the key family prefix only.</summary>
    public static string AwsAccessKey(string raw) => raw.Length >= 4 ? $"{raw[..4]}…[aws-key]" : "[aws-key]";

    /// <summary>Keeps a known token prefix (up to its separator) and names the kind.</summary>
    public static MaskStyle PrefixedToken(string label) => raw =>
    {
        var cut = raw.IndexOfAny(['_', '-']);
        if (raw.StartsWith("github_pat_", StringComparison.Ordinal)) cut = "github_pat".Length;
        return cut is > 0 and <= 10 ? $"{raw[..(cut + 1)]}…[{label}]" : $"[{label}]";
    };

    /// <summary><c>https://hooks.slack.com/services/…[slack-webhook]</c>.</summary>
    public static string SlackWebhook(string raw)
    {
        var marker = raw.IndexOf(".com/", StringComparison.OrdinalIgnoreCase);
        var pathEnd = marker < 0 ? -1 : raw.IndexOf('/', marker + 5);
        return pathEnd > 0 ? $"{raw[..(pathEnd + 1)]}…[slack-webhook]" : "[slack-webhook]";
    }

    /// <summary><c>[jwt: HS256]</c>: the signing algorithm.</summary>
    public static string Jwt(string raw) => JwtHeader.Algorithm(raw) is { } alg ? $"[jwt: {alg}]" : "[jwt]";

    /// <summary><c>[private key: RSA]</c>: the key type from the PEM header.</summary>
    public static string PrivateKey(string raw)
    {
        const string begin = "-----BEGIN ";
        var start = raw.IndexOf(begin, StringComparison.Ordinal);
        var end = raw.IndexOf("PRIVATE KEY", StringComparison.Ordinal);
        var kind = start >= 0 && end > start ? raw[(start + begin.Length)..end].Trim() : "";
        return kind.Length > 0 ? $"[private key: {kind}]" : "[private key]";
    }

    /// <summary>A fixed label such as <c>[secret: connection password]</c>.</summary>
    public static MaskStyle Fixed(string label) => _ => label;

    /// <summary><c>[secret: field]</c> for a field declared secret.</summary>
    public static string SecretField(string field) => $"[secret: {field}]";
}
