using System.Globalization;
using Bogus;
using RunbookOrchestrator.Bench.Masking;

namespace RunbookOrchestrator.Tests.Masking.RealWorld;

/// <summary>One labelled line: a sensitive value of <see cref="Type"/> written somewhere in <see cref="Text"/> (<see cref="Raw"/>
/// must not survive masking), or a hard negative (<see cref="Type"/> null: the text must come back unchanged).</summary>
public sealed record CorpusLine(string Text, string? Type, string? Raw);

/// <summary>
/// The real-world corpus: values generated with Bogus in every locale it has, written into the shapes people use (config
/// files, env files, command lines, code, CSV, JSON, XML, URLs, log lines, sentences), and hard negatives that look like
/// them (placeholders, references to secrets, versions, dates, ids, hashes, resource names, public keys). Compiled into the
/// benchmark too (`masking` reports its per-type scores), so the numbers in the README come from this file.
/// </summary>
public static class RealWorldCorpus
{
    /// <summary>The types the positives are labelled with.</summary>
    public static readonly IReadOnlyList<string> Types =
        ["email", "phone", "credit_card", "iban", "us_ssn", "uk_nino", "password", "api_key", "aws_access_key", "github_token", "gitlab_token", "slack_token", "jwt"];

    public static IReadOnlyList<CorpusLine> Generate(int seed = 16, int rounds = 3)
    {
        var lines = new List<CorpusLine>();
        var locales = Bogus.Database.GetAllLocales().Order(StringComparer.Ordinal).ToList();
        for (var round = 0; round < rounds; round++)
            foreach (var locale in locales)
            {
                var f = new Faker(locale) { Random = new Randomizer(seed + round * 1000 + locales.IndexOf(locale)) };
                var v = new SensitiveValues(f);
                lines.AddRange(Positives(f, v));
                lines.AddRange(HardNegatives(f, v));
                lines.AddRange(MoreHardNegatives(f, v));
            }
        return lines;
    }

    private static IEnumerable<CorpusLine> Positives(Faker f, SensitiveValues v)
    {
        var name = $"{f.Name.FirstName()} {f.Name.LastName()}";
        var email = Email(f);
        yield return P("email", email, f.PickRandom(
            $"Contact: {email}", $"mailto:{email}", $"{{\"email\": \"{email}\", \"plan\": \"pro\"}}", $"{email},{name},{f.Address.City()}",
            $"<email>{email}</email>", $"From: {name} <{email}>", $"GET /signup?user={email}&plan=pro", $"please ping {email} about the renewal"));
        var phone = Phone(f);
        yield return P("phone", phone, f.PickRandom($"Phone: {phone}", $"tel: {phone}", $"{name};{phone};{f.Address.City()}", $"\"phone\":\"{phone}\"",
            $"call me on {phone} after 5", $"<phone>{phone}</phone>", $"mobile={phone}"));
        var card = Card(f, v);
        yield return P("credit_card", card, f.PickRandom($"card {card} exp 12/29", $"\"pan\": \"{card}\"", $"Paid with {card}.", $"{name},{card},EUR"));
        var iban = Iban(f, v);
        yield return P("iban", iban, f.PickRandom($"IBAN: {iban}", $"Refund to {iban} please", $"\"iban\":\"{iban}\"", $"{name};{iban};{f.Finance.Amount()}"));
        var ssn = Ssn(f, v);
        yield return P("us_ssn", ssn.Raw, ssn.Text);
        var nino = Nino(f, v);
        yield return P("uk_nino", nino.Raw, nino.Text);
        var password = Password(f, v);
        yield return P("password", password.Raw, password.Text);
        var secret = Secret(f, v);
        yield return P("api_key", secret.Raw, secret.Text);
        var aws = v.AwsAccessKey();
        yield return P("aws_access_key", aws, f.PickRandom($"aws_access_key_id = {aws}", $"AWS_ACCESS_KEY_ID={aws}", $"key {aws} leaked in the logs"));
        var github = v.GitHubToken();
        yield return P("github_token", github, f.PickRandom($"GITHUB_TOKEN={github}", $"git clone https://x-access-token:{github}@github.com/acme/app.git", $"token: {github}"));
        var gitlab = v.GitLabToken();
        yield return P("gitlab_token", gitlab, f.PickRandom($"PRIVATE-TOKEN: {gitlab}", $"export GITLAB_TOKEN=\"{gitlab}\""));
        var slack = v.SlackToken();
        yield return P("slack_token", slack, f.PickRandom($"SLACK_BOT_TOKEN={slack}", $"Authorization: Bearer {slack}"));
        var jwt = v.Jwt();
        yield return P("jwt", jwt, f.PickRandom($"Authorization: Bearer {jwt}", $"\"id_token\": \"{jwt}\"", $"set-cookie: session={jwt}; HttpOnly"));
    }

    private static IEnumerable<CorpusLine> HardNegatives(Faker f, SensitiveValues v)
    {
        var hex40 = v.Chars("0123456789abcdef", 40);
        var hex64 = v.Chars("0123456789abcdef", 64);
        yield return N(f.PickRandom("password: ${DB_PASSWORD}", "password: <YOUR_PASSWORD>", "password: changeme", "password: ********", "password=$DB_PASS",
            "password = os.environ[\"DB_PASSWORD\"]", "password: {{ secrets.db_password }}", "password = getSecret(\"db-password\")", "password: &lt;password&gt;",
            "DB_PASSWORD=${{ secrets.DB_PASSWORD }}", "password: !Ref DbPassword", "set PASSWORD=%DB_PASSWORD%", "password: xxxxxxxx", "password: (hidden)"));
        yield return N(f.PickRandom($"api_key: YOUR_API_KEY", "token: <token>", "secret: \"\"", "token_type: bearer", $"secret_name: {f.Lorem.Word()}-credentials",
            "aws_access_key_id = AKIAIOSFODNN7EXAMPLE", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "api_key_header: X-Api-Key"));
        yield return N(f.PickRandom($"Please reset your password by {f.Date.Weekday()}.", "The password is required.", "password must be at least 12 characters",
            $"{f.Hacker.Phrase()}", $"{f.Lorem.Sentence()}", $"Passwordless sign-in for {f.Company.CompanyName()}"));
        yield return N(f.PickRandom($"commit {hex40}", $"sha256:{hex64}", $"image {f.Internet.DomainWord()}@sha256:{hex64}", $"etag \"{v.Chars("0123456789abcdef", 32)}\""));
        yield return N(f.PickRandom($"arn:aws:iam::{v.Digits(12)}:role/{f.Internet.DomainWord()}-deploy", $"arn:aws:s3:::{f.Internet.DomainWord()}-{f.Random.Int(2000, 2030)}/logs",
            $"ami-{v.Chars("0123456789abcdef", 17)} subnet-{v.Chars("0123456789abcdef", 17)}", $"vpc-{v.Chars("0123456789abcdef", 8)}"));
        yield return N(f.PickRandom($"request {Guid.NewGuid()} took {f.Random.Int(1, 900)} ms", $"at {f.Date.Recent():O} status 200",
            $"version {f.System.Semver()} build {f.Random.Int(10000, 99999)}", $"order #{f.Random.Int(100000, 999999)} shipped {f.Date.Recent():yyyy-MM-dd}"));
        yield return N(f.PickRandom($"{f.Internet.Ip()}:{f.Internet.Port()}", $"listen [{f.Internet.Ipv6()}]:{f.Internet.Port()}", $"https://{f.Internet.DomainName()}/docs?page={f.Random.Int(1, 9)}",
            $"com.{f.Internet.DomainWord()}:{f.Internet.DomainWord()}-core:{f.System.Semver()}", $"{f.System.FilePath()}"));
        yield return N(f.PickRandom($"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{v.Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 43)} {f.Internet.UserName()}@host",
            $"-----BEGIN PUBLIC KEY-----MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA{v.Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 40)}",
            $"id: {NotACard(v)} (an id, not a card)", $"ISBN 978-{f.Random.Int(0, 9)}-{v.Digits(3)}-{v.Digits(5)}-{f.Random.Int(0, 9)}", $"total {f.Finance.Amount()} {f.Finance.Currency().Code}"));
    }

    // Sixteen digits that fail the Luhn check: an id, which no card number can be.
    private static string NotACard(SensitiveValues v)
    {
        var body = v.Digits(15);
        var valid = SensitiveValues.LuhnDigit(body);
        return body + (char)('0' + ((valid - '0' + 1 + v.Digits(1)[0] % 8) % 10));
    }

    private static IEnumerable<CorpusLine> MoreHardNegatives(Faker f, SensitiveValues v)
    {
        yield return N(f.PickRandom($"timestamp {f.Date.Recent():yyyy-MM-ddTHH:mm:ss.fffZ} level=info msg=\"{f.Hacker.Verb()} {f.Hacker.Noun()}\"",
            $"{f.Date.Past():yyyy-MM-dd HH:mm:ss} {f.Random.Int(1000, 99999)} {f.Internet.Ip()}", $"duration={f.Random.Double(0, 9):0.000}s bytes={f.Random.Int(1, 9999999)}",
            $"invoice INV-{f.Random.Int(2020, 2030)}-{v.Digits(6)} due {f.Date.Future():d MMM yyyy}"));
        yield return N(f.PickRandom($"{f.Address.StreetAddress()}, {f.Address.ZipCode()} {f.Address.City()}", $"{f.Commerce.ProductName()} x{f.Random.Int(1, 9)} at {f.Commerce.Price()}",
            $"user {f.Internet.UserName()} logged in from {f.Internet.Ip()}", $"{f.Lorem.Word()}_{f.Lorem.Word()}_count: {f.Random.Int(0, 99999)}",
            $"build {f.Random.Int(1, 9)}.{f.Random.Int(0, 99)}.{f.Random.Int(0, 9999)}.{f.Random.Int(0, 99999)}", $"port {f.Internet.Port()}, timeout 30s, retries {f.Random.Int(1, 9)}"));
    }

    private static CorpusLine P(string type, string raw, string text) => new(text, type, raw);

    private static CorpusLine N(string text) => new(text, null, null);

    // Bogus's own addresses are ASCII; people also write their names as they are.
    private static string Email(Faker f)
    {
        var first = f.Name.FirstName();
        var last = f.Name.LastName();
        string email;
        do email = Pick(f, first, last);
        while (!char.IsLetterOrDigit(email[0]) || email.Split('@')[0].All(c => !char.IsLetterOrDigit(c)));
        return email;
    }

    private static string Pick(Faker f, string first, string last) =>
        f.Random.Int(0, 3) switch
        {
            0 => f.Internet.Email(first, last),
            1 => $"{Local(first)}.{Local(last)}@{f.Internet.DomainName()}",
            2 => f.Internet.Email(first, last).ToUpperInvariant(),
            _ => $"{Local(first)}{f.Random.Int(1, 99)}@{f.Internet.DomainName()}",
        };

    private static string Local(string name) => new(name.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    // Country calling codes with the grouping their numbering plans use; national forms with a trunk 0.
    private static readonly (string Code, string Pattern)[] Plans =
    [
        ("44", "## #### ####"), ("44", "#### ######"), ("49", "30 ########"), ("49", "151 #######"), ("33", "# ## ## ## ##"), ("81", "3-####-####"),
        ("81", "90-####-####"), ("61", "4## ### ###"), ("91", "##### #####"), ("55", "11 9####-####"), ("7", "495 ###-##-##"), ("86", "138 #### ####"),
        ("34", "6## ### ###"), ("39", "3## ### ####"), ("52", "55 #### ####"), ("27", "8# ### ####"), ("234", "80# ### ####"), ("971", "5# ### ####"),
        ("65", "9### ####"), ("82", "10-####-####"), ("31", "6 ########"), ("46", "7#-### ## ##"), ("48", "5## ### ###"), ("1", "415 555 ####"), ("1", "(212) 555-####"),
    ];

    private static readonly string[] National = ["020 7946 ####", "07### ######", "03-####-####", "01 ## ## ## ##", "030 ########", "04## ### ###", "(415) 555-####", "415-555-####", "0### ### ####"];

    private static string Phone(Faker f)
    {
        if (f.Random.Int(0, 3) == 0) return Fill(f, f.PickRandom(National));
        var (code, pattern) = f.PickRandom(Plans);
        return $"+{code} {Fill(f, pattern)}";
    }

    private static string Fill(Faker f, string pattern) => new(pattern.Select(c => c == '#' ? (char)('0' + f.Random.Int(0, 9)) : c).ToArray());

    private static string Card(Faker f, SensitiveValues v)
    {
        var compact = new string(v.Card().Where(char.IsAsciiDigit).ToArray());
        return f.Random.Int(0, 2) switch
        {
            0 => compact,
            1 => string.Join('-', Enumerable.Range(0, (compact.Length + 3) / 4).Select(i => compact.Substring(i * 4, Math.Min(4, compact.Length - i * 4)))),
            _ => string.Join(' ', Enumerable.Range(0, (compact.Length + 3) / 4).Select(i => compact.Substring(i * 4, Math.Min(4, compact.Length - i * 4)))),
        };
    }

    private static string Iban(Faker f, SensitiveValues v)
    {
        var compact = v.IbanCompact();
        return f.Random.Int(0, 3) switch
        {
            0 => compact,
            1 => SensitiveValues.Grouped(compact),
            2 => SensitiveValues.Grouped(compact).ToLowerInvariant(),
            _ => SensitiveValues.Grouped(compact).Replace(' ', '-'),
        };
    }

    private static (string Raw, string Text) Ssn(Faker f, SensitiveValues v)
    {
        var d = v.SsnDigits();
        return f.Random.Int(0, 3) switch
        {
            0 => ($"{d[..3]}-{d[3..5]}-{d[5..]}", $"SSN {d[..3]}-{d[3..5]}-{d[5..]} on file"),
            1 => (d, $"ssn: {d}"),
            2 => ($"{d[..3]} {d[3..5]} {d[5..]}", $"Social Security number {d[..3]} {d[3..5]} {d[5..]}"),
            _ => ($"{d[..3]}-{d[3..5]}-{d[5..]}", $"\"ssn\":\"{d[..3]}-{d[3..5]}-{d[5..]}\""),
        };
    }

    private static (string Raw, string Text) Nino(Faker f, SensitiveValues v)
    {
        var compact = v.Nino().Replace(" ", "", StringComparison.Ordinal);
        var raw = f.Random.Int(0, 3) switch
        {
            0 => compact,
            1 => $"{compact[..2]} {compact[2..4]} {compact[4..6]} {compact[6..8]} {compact[8]}",
            2 => compact.ToLowerInvariant(),
            _ => $"{compact[..2]}-{compact[2..4]}-{compact[4..6]}-{compact[6..8]}-{compact[8]}",
        };
        return (raw, f.PickRandom($"NINO: {raw}", $"National Insurance number {raw}", $"\"nino\":\"{raw}\"", $"ni_number,{raw}"));
    }

    private static (string Raw, string Text) Password(Faker f, SensitiveValues v)
    {
        var p = v.Password();
        var user = f.Internet.UserName();
        var host = f.Internet.DomainName();
        return (p, f.Random.Int(0, 13) switch
        {
            0 => $"password: {p}",
            1 => $"DB_PASSWORD={p}",
            2 => $"\"password\": \"{p}\"",
            3 => $"postgres://{user}:{p}@{host}:5432/app",
            4 => $"Server={host};Database=app;User Id={user};Password={p};",
            5 => $"machine {host} login {user} password {p}",
            6 => $"<password>{p}</password>",
            7 => $"mysql -u {user} -p{p} app",
            8 => $"new NetworkCredential(\"{user}\", \"{p}\")",
            9 => $"spring.datasource.password={p}",
            10 => $"curl -u {user}:{p} https://{host}/api/health",
            11 => $"docker run -e POSTGRES_PASSWORD={p} postgres",
            12 => $"[client]\npassword = {p}",
            _ => $"The password is {p} until Friday.",
        });
    }

    private static (string Raw, string Text) Secret(Faker f, SensitiveValues v)
    {
        var k = v.RandomKey(f.Random.Int(24, 40));
        return (k, f.Random.Int(0, 6) switch
        {
            0 => $"SECRET_KEY={k}",
            1 => $"client_secret: {k}",
            2 => $"\"api_key\": \"{k}\"",
            3 => $"Authorization: Bearer {k}",
            4 => $"x-api-key: {k}",
            5 => $"<apiKey>{k}</apiKey>",
            _ => $"token={k}&user={f.Internet.UserName()}",
        });
    }
}
