using System.Text;
using Bogus;

namespace RunbookOrchestrator.Bench.Masking;

/// <summary>
/// The labelled evaluation corpus: seeded Bogus values of every detection type in realistic sentences, log lines and
/// payload fragments, plus hard negatives (identifiers that look sensitive but are not) that must never be masked.
/// </summary>
public static class MaskingCorpus
{
    /// <summary>Every detection type the corpus labels.</summary>
    public static readonly IReadOnlyList<string> Types =
    [
        "email", "phone", "credit_card", "iban", "us_ssn", "uk_nino", "aws_access_key", "aws_secret_key", "github_token",
        "gitlab_token", "slack_token", "slack_webhook", "jwt", "private_key", "password", "api_key",
    ];

    /// <summary>Types whose recall must reach 0.99 (structured values with checksums or fixed shapes).</summary>
    public static readonly IReadOnlyList<string> StructuredTypes =
    [
        "credit_card", "iban", "us_ssn", "uk_nino", "aws_access_key", "aws_secret_key", "github_token", "gitlab_token",
        "slack_token", "slack_webhook", "jwt", "private_key",
    ];

    /// <summary>Generates <paramref name="perType"/> labelled texts per type, deterministically from <paramref name="seed"/>.</summary>
    public static IReadOnlyList<LabelledText> Generate(int seed = 20261122, int perType = 200)
    {
        var f = new Faker("en") { Random = new Randomizer(seed) };
        var v = new SensitiveValues(f);
        var noise = new HardNegatives(f, v);
        var texts = new List<LabelledText>();
        foreach (var type in Types)
            for (var i = 0; i < perType; i++)
                texts.Add(Sample(type, f, v, noise));
        return texts;
    }

    /// <summary>Hard negatives, each alone and inside a sentence; none may be masked.</summary>
    public static IReadOnlyList<string> GenerateHardNegatives(int seed = 20261122, int perKind = 20)
    {
        var f = new Faker("en") { Random = new Randomizer(seed + 1) };
        var noise = new HardNegatives(f, new SensitiveValues(f));
        return noise.All(perKind);
    }

    private static LabelledText Sample(string type, Faker f, SensitiveValues v, HardNegatives noise)
    {
        var b = new Builder();
        var who = f.Name.FullName();
        var order = noise.OrderNumber();
        switch (type)
        {
            case "email":
                b.Pick(f, $"Please contact {who} at ", $"Ticket {order}: customer wrote from ", "From: ", $"[{noise.Timestamp()}] INFO notification sent to ", "Reach me on ");
                b.Add(v.Email(), "email");
                b.Pick(f, " about the refund.", " regarding the outage.", "", $" (order {order}).", ", thanks!");
                if (f.Random.Bool()) { b.Add(" CC: "); b.Add(v.Email(), "email"); }
                break;
            case "phone":
                b.Pick(f, $"Call {who} on ", "Phone: ", "mobile ", $"Escalation contact for {order}: ", "tel. ");
                b.Add(v.Phone(), "phone");
                b.Pick(f, " before 5pm.", "", $" ref {order}", ". Thanks.");
                break;
            case "credit_card":
                b.Pick(f, "Charged card ", "card_number=", $"Payment for {order} with ", "PAN: ", "The customer read out ");
                b.Add(v.Card(), "credit_card");
                b.Pick(f, $" exp 0{f.Random.Int(1, 9)}/2{f.Random.Int(6, 9)}", "", " was declined.", $" at {noise.Timestamp()}");
                break;
            case "iban":
                b.Pick(f, "Refund to IBAN ", "iban: ", $"Wire for invoice {noise.InvoiceNumber()} to ", "Beneficiary account ");
                b.Add(v.Iban(), "iban");
                b.Pick(f, " please.", "", $" (BIC {f.Finance.Bic()})", ".");
                break;
            case "us_ssn":
                b.Pick(f, "SSN: ", $"{who}'s social security number is ", "Applicant ssn=", "Verified SSN ");
                b.Add(v.Ssn(), "us_ssn");
                b.Pick(f, "", " on file.", $" for case {order}.");
                break;
            case "uk_nino":
                b.Pick(f, "NI number: ", $"{who}, NINO ", "National Insurance No. ", "nino=");
                b.Add(v.Nino(), "uk_nino");
                b.Pick(f, "", " (employee record)", ".");
                break;
            case "aws_access_key":
                b.Pick(f, "aws_access_key_id = ", "Found key ", "AWS_ACCESS_KEY_ID=", "leaked credentials: ");
                b.Add(v.AwsAccessKey(), "aws_access_key");
                b.Pick(f, "", " in the build log", $" at {noise.Timestamp()}");
                break;
            case "aws_secret_key":
                if (f.Random.Bool())
                {
                    b.Add("aws_access_key_id = ");
                    b.Add(v.AwsAccessKey(), "aws_access_key");
                    b.Add("\naws_secret_access_key = ");
                }
                else b.Pick(f, "AWS_SECRET_ACCESS_KEY=", "aws secret: ", "export AWS_SECRET_ACCESS_KEY=\"");
                b.Add(v.AwsSecretKey(), "aws_secret_key");
                b.Pick(f, "", "\n", "\"");
                break;
            case "github_token":
                b.Pick(f, "GITHUB_TOKEN=", "Authorization: token ", "git clone with ", "Revoke ");
                b.Add(v.GitHubToken(), "github_token");
                b.Pick(f, "", " immediately", $" (commit {noise.GitSha()})");
                break;
            case "gitlab_token":
                b.Pick(f, "PRIVATE-TOKEN: ", "gitlab token ", "CI_JOB_TOKEN=");
                b.Add(v.GitLabToken(), "gitlab_token");
                b.Pick(f, "", " expired", ".");
                break;
            case "slack_token":
                b.Pick(f, "SLACK_BOT_TOKEN=", "slack token: ", "Using ");
                b.Add(v.SlackToken(), "slack_token");
                b.Pick(f, "", " for #ops", ".");
                break;
            case "slack_webhook":
                b.Pick(f, "Posting to ", "webhook_url: ", "curl -X POST ");
                b.Add(v.SlackWebhook(), "slack_webhook");
                b.Pick(f, "", " -d @payload.json", " failed with 404");
                break;
            case "jwt":
                b.Pick(f, "Authorization: Bearer ", "id_token=", "session cookie ", "token: ");
                b.Add(v.Jwt(), "jwt");
                b.Pick(f, "", $" request {f.Random.Guid()}", " rejected.");
                break;
            case "private_key":
                b.Pick(f, "deploy key:\n", "Found in repo:\n", "");
                b.Add(v.PrivateKey(), "private_key");
                b.Pick(f, "\n", "\nend of file", "");
                break;
            case "password":
                var pw = v.Password();
                switch (f.Random.Int(0, 4))
                {
                    case 0: b.Add($"Server={f.Internet.DomainWord()}.db.local;Database=crm;User Id={f.Internet.UserName()};Password="); b.Add(pw, "password"); b.Add(";"); break;
                    case 1: b.Add($"Host={f.Internet.Ip()};Username=app;Pwd="); b.Add(pw, "password"); b.Add(";Port=5432"); break;
                    case 2: b.Add($"{f.PickRandom("postgres", "mysql", "amqp", "redis")}://{f.Internet.UserName().ToLowerInvariant()}:"); b.Add(pw, "password"); b.Add($"@{f.Internet.DomainName()}:5432/app"); break;
                    case 3: b.Add("password: "); b.Add(pw, "password"); break;
                    default: b.Add("DB_PASSWORD="); b.Add(pw, "password"); b.Add(" ./migrate.sh"); break;
                }
                break;
            default:
                var key = v.ApiKey();
                b.Pick(f, "X-Api-Key: ", "api_key=", "The key ", "STRIPE_KEY=", "apiKey: ");
                b.Add(key, "api_key");
                b.Pick(f, "", " was rotated.", $" (tenant {f.Random.Guid()})");
                break;
        }
        return b.Build();
    }

    private sealed class Builder
    {
        private readonly StringBuilder _text = new();
        private readonly List<LabelledSpan> _spans = [];

        public void Add(string piece, string? type = null)
        {
            if (type is not null) _spans.Add(new LabelledSpan(type, _text.Length, piece.Length));
            _text.Append(piece);
        }

        public void Pick(Faker f, params string[] pieces) => Add(f.PickRandom(pieces));

        public LabelledText Build() => new(_text.ToString(), _spans);
    }
}
