using System.Text;
using System.Text.Json;
using Bogus;

namespace RunbookOrchestrator.Bench.Masking;

/// <summary>Generates realistic sensitive values of each detection type from a seeded faker.</summary>
public sealed class SensitiveValues(Faker f)
{
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Base64 = Alnum + "+/";
    private const string Base64Url = Alnum + "-_";
    private const string Upper32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public string Chars(string alphabet, int n)
    {
        var sb = new StringBuilder(n);
        for (var i = 0; i < n; i++) sb.Append(alphabet[f.Random.Int(0, alphabet.Length - 1)]);
        return sb.ToString();
    }

    public string Digits(int n) => Chars("0123456789", n);

    public string Email()
    {
        var first = f.Name.FirstName();
        var last = f.Name.LastName();
        return f.Random.Int(0, 3) switch
        {
            0 => f.Internet.Email(first, last),
            1 => f.Internet.Email(first, last, f.Internet.DomainName()),
            2 => f.Internet.ExampleEmail(first, last),
            _ => $"{f.Internet.UserName(first, last).ToLowerInvariant()}+{f.Random.Word().Split(' ')[0].ToLowerInvariant()}@{f.Internet.DomainName()}",
        };
    }

    private string Npa() => $"{f.Random.Int(2, 9)}{Digits(2)}";

    public string Phone()
    {
        string npa = Npa(), nxx = Npa(), line = Digits(4);
        return f.Random.Int(0, 13) switch
        {
            0 => $"+1 {npa} {nxx} {line}",
            1 => $"({npa}) {nxx}-{line}",
            2 => $"{npa}-{nxx}-{line}",
            3 => $"{npa}.{nxx}.{line}",
            4 => $"+1-{npa}-{nxx}-{line}",
            5 => $"+44 20 {Digits(4)} {Digits(4)}",
            6 => $"+44 7{Digits(3)} {Digits(6)}",
            7 => $"020 {Digits(4)} {Digits(4)}",
            8 => $"07{Digits(3)} {Digits(6)}",
            9 => $"+49 30 {Digits(8)}",
            10 => $"+33 1 {Digits(2)} {Digits(2)} {Digits(2)} {Digits(2)}",
            11 => $"+61 2 {Digits(4)} {Digits(4)}",
            12 => $"+1 ({npa}) {nxx}-{line}",
            _ => $"+1{npa}{nxx}{line}",
        };
    }

    public string CardDigits()
    {
        var (prefix, length) = f.Random.Int(0, 7) switch
        {
            0 or 1 => ("4", 16),
            2 => (f.Random.Int(51, 55).ToString(), 16),
            3 => (f.Random.Int(2221, 2720).ToString(), 16),
            4 => (f.PickRandom("34", "37"), 15),
            5 => (f.PickRandom("6011", "65"), 16),
            6 => ("35" + f.Random.Int(28, 89), 16),
            _ => ("4", 13 + 3 * f.Random.Int(1, 2)),
        };
        var body = prefix + Digits(length - prefix.Length - 1);
        return body + LuhnDigit(body);
    }

    public static char LuhnDigit(string body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var d = body[body.Length - 1 - i] - '0';
            if (i % 2 == 0) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
        }
        return (char)('0' + (10 - sum % 10) % 10);
    }

    public string Card()
    {
        var d = CardDigits();
        var sep = f.PickRandom(" ", "-", "");
        if (sep == "") return d;
        if (d.Length == 15) return $"{d[..4]}{sep}{d[4..10]}{sep}{d[10..]}";
        return string.Join(sep, Enumerable.Range(0, (d.Length + 3) / 4).Select(i => d.Substring(i * 4, Math.Min(4, d.Length - i * 4))));
    }

    public string IbanCompact()
    {
        var (country, bban) = f.Random.Int(0, 7) switch
        {
            0 => ("GB", Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4) + Digits(14)),
            1 => ("DE", Digits(18)),
            2 => ("FR", Digits(23)),
            3 => ("NL", Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4) + Digits(10)),
            4 => ("ES", Digits(20)),
            5 => ("IT", Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1) + Digits(22)),
            6 => ("CH", Digits(17)),
            _ => ("BE", Digits(12)),
        };
        return country + IbanCheck(country, bban) + bban;
    }

    public static string IbanCheck(string country, string bban)
    {
        var rearranged = bban + country + "00";
        var remainder = 0;
        foreach (var c in rearranged)
            remainder = char.IsDigit(c) ? (remainder * 10 + (c - '0')) % 97 : (remainder * 100 + (c - 'A' + 10)) % 97;
        return (98 - remainder).ToString("00");
    }

    public string Iban()
    {
        var compact = IbanCompact();
        return f.Random.Bool() ? compact : Grouped(compact);
    }

    public static string Grouped(string compact) =>
        string.Join(' ', Enumerable.Range(0, (compact.Length + 3) / 4).Select(i => compact.Substring(i * 4, Math.Min(4, compact.Length - i * 4))));

    public string SsnDigits()
    {
        var area = f.Random.Int(1, 899);
        if (area == 666) area = 667;
        return $"{area:000}{f.Random.Int(1, 99):00}{f.Random.Int(1, 9999):0000}";
    }

    public string Ssn()
    {
        var d = SsnDigits();
        return $"{d[..3]}-{d[3..5]}-{d[5..]}";
    }

    public string Nino()
    {
        const string first = "ABCEGHJKLMNOPRSTWXYZ";
        const string second = "ABCEGHJKLMNPRSTWXYZ";
        string prefix;
        do prefix = $"{f.PickRandom(first.ToCharArray())}{f.PickRandom(second.ToCharArray())}";
        while (prefix is "BG" or "GB" or "NK" or "KN" or "TN" or "NT" or "ZZ");
        var d = Digits(6);
        var suffix = f.PickRandom('A', 'B', 'C', 'D');
        return f.Random.Bool() ? $"{prefix}{d}{suffix}" : $"{prefix} {d[..2]} {d[2..4]} {d[4..]} {suffix}";
    }

    public string AwsAccessKey() => f.PickRandom("AKIA", "ASIA") + Chars(Upper32, 16);

    public string AwsSecretKey()
    {
        string s;
        do s = Chars(Base64, 40);
        while (!s.Any(char.IsUpper) || !s.Any(char.IsLower) || !s.Any(char.IsDigit));
        return s;
    }

    public string GitHubToken() => f.Random.Int(0, 5) switch
    {
        5 => $"github_pat_{Chars(Alnum, 22)}_{Chars(Alnum, 59)}",
        var i => $"{new[] { "ghp", "gho", "ghu", "ghs", "ghr" }[i]}_{Chars(Alnum, 36)}",
    };

    public string GitLabToken() => $"glpat-{Chars(Base64Url, 20)}";

    public string SlackToken() => f.Random.Int(0, 4) switch
    {
        4 => $"xapp-1-A{Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 10)}-{Digits(13)}-{Chars("0123456789abcdef", 64)}",
        var i => $"{new[] { "xoxb", "xoxp", "xoxa", "xoxr" }[i]}-{Digits(12)}-{Digits(13)}-{Chars(Alnum, 24)}",
    };

    public string SlackWebhook() =>
        $"https://hooks.slack.com/services/T{Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 8)}/B{Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 10)}/{Chars(Alnum, 24)}";

    public string Jwt()
    {
        var alg = f.PickRandom("HS256", "RS256", "ES256", "HS512");
        var header = B64Url(JsonSerializer.Serialize(new { alg, typ = "JWT" }));
        var payload = B64Url(JsonSerializer.Serialize(new { sub = f.Random.Guid().ToString(), name = f.Name.FullName(), iat = f.Random.Int(1600000000, 1800000000) }));
        return $"{header}.{payload}.{Chars(Base64Url, alg.StartsWith("RS") ? 342 : 43)}";
    }

    private static string B64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public string PrivateKey()
    {
        var kind = f.PickRandom("RSA ", "EC ", "OPENSSH ", "", "ENCRYPTED ");
        var lines = Enumerable.Range(0, f.Random.Int(4, 12)).Select(_ => Chars(Base64, 64)).Append(Chars(Base64, 20) + "==");
        return $"-----BEGIN {kind}PRIVATE KEY-----\n{string.Join('\n', lines)}\n-----END {kind}PRIVATE KEY-----";
    }

    public string Password()
    {
        var word = f.Random.Word().Split(' ')[0];
        return f.Random.Int(0, 2) switch
        {
            0 => f.Internet.Password(f.Random.Int(10, 18), false, @"\w", "") ,
            1 => $"{char.ToUpperInvariant(word[0])}{word[1..]}{f.Random.Int(10, 9999)}!",
            _ => Chars(Alnum + "!#%^*_-", f.Random.Int(12, 24)),
        };
    }

    public string ApiKey() => f.Random.Int(0, 3) switch
    {
        0 => $"sk_live_{Chars(Alnum, 24)}",
        1 => $"AIza{Chars(Base64Url, 35)}",
        _ => RandomKey(32),
    };

    public string RandomKey(int length)
    {
        string s;
        do s = Chars(Alnum, length);
        while (!s.Any(char.IsUpper) || !s.Any(char.IsLower) || !s.Any(char.IsDigit));
        return s;
    }
}
