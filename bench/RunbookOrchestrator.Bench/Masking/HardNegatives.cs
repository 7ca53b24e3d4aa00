using Bogus;

namespace RunbookOrchestrator.Bench.Masking;

/// <summary>Values that look sensitive but are not: identifiers, hashes, checksum-failing numbers, dates and versions.</summary>
public sealed class HardNegatives(Faker f, SensitiveValues v)
{
    public string Uuid() => f.Random.Guid().ToString();
    public string GitSha() => v.Chars("0123456789abcdef", 40);
    public string ShortSha() => v.Chars("0123456789abcdef", 7);
    public string Sha256Digest() => "sha256:" + v.Chars("0123456789abcdef", 64);
    public string Md5() => v.Chars("0123456789abcdef", 32);
    public string OrderNumber() => $"ORD-{f.Random.Int(2019, 2026)}-{f.Random.Int(1, 999999):000000}";
    public string InvoiceNumber() => f.PickRandom($"INV-{f.Random.Int(2019, 2026)}-{f.Random.Int(1, 99999):00000}", $"INV{f.Random.Int(10000000, 99999999)}", $"PO-{f.Random.Int(10000000, 99999999)}");
    public string Timestamp() => f.Date.Between(new DateTime(2019, 1, 1), new DateTime(2027, 1, 1)).ToString(f.PickRandom("yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-dd HH:mm:ss.fff", "yyyyMMddTHHmmss", "R", "dd/MM/yyyy HH:mm"));
    public string EpochSeconds() => f.Random.Long(1500000000, 1900000000).ToString();
    public string EpochMillis() => f.Random.Long(1500000000000, 1900000000000).ToString();
    public string Version() => f.PickRandom($"{f.Random.Int(0, 20)}.{f.Random.Int(0, 40)}.{f.Random.Int(0, 200)}", $"v{f.Random.Int(0, 9)}.{f.Random.Int(0, 40)}.{f.Random.Int(0, 9)}-rc.{f.Random.Int(1, 5)}", $"{f.Random.Int(1, 9)}.{f.Random.Int(0, 9)}.{f.Random.Int(1000, 9999)}.{f.Random.Int(0, 99)}");
    public string Ip() => f.PickRandom(f.Internet.Ip(), f.Internet.Ipv6());
    public string Date() => f.Date.Past(5).ToString(f.PickRandom("yyyy-MM-dd", "dd/MM/yyyy", "MM/dd/yyyy", "yyyy.MM.dd"));

    public string LuhnFailingCard()
    {
        var d = v.CardDigits();
        var wrong = (char)('0' + (d[^1] - '0' + f.Random.Int(1, 9)) % 10);
        var bad = d[..^1] + wrong;
        return f.Random.Bool() ? bad : SensitiveValues.Grouped(bad);
    }

    public string Mod97FailingIban()
    {
        var good = v.IbanCompact();
        var check = int.Parse(good[2..4]);
        var bad = $"{good[..2]}{(check + f.Random.Int(1, 90)) % 97 + 2:00}{good[4..]}";
        if (bad[2..4] == good[2..4]) bad = $"{good[..2]}{(check + 1) % 97 + 2:00}{good[4..]}";
        return f.Random.Bool() ? bad : SensitiveValues.Grouped(bad);
    }

    public string InvalidSsn() => f.PickRandom(
        $"000-{f.Random.Int(10, 99)}-{f.Random.Int(1000, 9999)}",
        $"666-{f.Random.Int(10, 99)}-{f.Random.Int(1000, 9999)}",
        $"{f.Random.Int(900, 999)}-{f.Random.Int(10, 99)}-{f.Random.Int(1000, 9999)}",
        $"{f.Random.Int(100, 665)}-00-{f.Random.Int(1000, 9999)}",
        $"{f.Random.Int(100, 665)}-{f.Random.Int(10, 99)}-0000");

    public string InvalidNino() => f.PickRandom(
        $"D{f.PickRandom('A', 'B', 'C')}{v.Digits(6)}A", $"BG{v.Digits(6)}B", $"GB{v.Digits(6)}C", $"AO{v.Digits(6)}D",
        $"AB{v.Digits(6)}E", $"ZZ{v.Digits(6)}A", $"QA{v.Digits(6)}B");

    public string PodName() => $"{f.PickRandom("payments-api", "checkout", "auth-service", "orders-worker")}-{v.Chars("0123456789abcdef", 10)}-{v.Chars("bcdfghjklmnpqrstvwxz2456789", 5)}";
    public string Identifier() => f.PickRandom("getCustomerAccountByIdAsync", "ProcessRefundRequestHandler", "X509CertificateValidator2", "handleApprovalTimeoutEscalation", "OrchestratorDbContextModelSnapshot");
    public string FilePath() => f.PickRandom("/var/log/nginx/access.log.2", "C:\\inetpub\\logs\\u_ex240115.log", $"/srv/exports/{f.Random.Guid()}/customers.csv", "src/RunbookOrchestrator.Core/Masking/Masker.cs");
    public string ImageTag() => $"registry.example.com/team/app:{f.Random.Int(1, 9)}.{f.Random.Int(0, 30)}.{f.Random.Int(0, 9)}";
    public string Duration() => f.PickRandom("PT5M30S", "P1DT2H", "1h30m", "500ms");
    public string Port() => $"localhost:{f.Random.Int(1024, 65535)}";
    public string Money() => $"{f.Finance.Amount(10, 99999):0.00} {f.Finance.Currency().Code}";
    public string Isbn() => $"978-{f.Random.Int(0, 9)}-{f.Random.Int(100, 999)}-{f.Random.Int(10000, 99999)}-{f.Random.Int(0, 9)}";
    public string TrackingNumber() => $"1Z{v.Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 16)}";

    /// <summary>Every kind of hard negative, <paramref name="perKind"/> of each, alone and inside a sentence.</summary>
    public IReadOnlyList<string> All(int perKind)
    {
        Func<string>[] kinds =
        [
            Uuid, GitSha, ShortSha, Sha256Digest, Md5, OrderNumber, InvoiceNumber, Timestamp, EpochSeconds, EpochMillis, Version,
            Ip, Date, LuhnFailingCard, Mod97FailingIban, InvalidSsn, InvalidNino, PodName, Identifier, FilePath, ImageTag,
            Duration, Port, Money, Isbn, TrackingNumber,
        ];
        var result = new List<string>();
        foreach (var kind in kinds)
            for (var i = 0; i < perKind; i++)
            {
                var value = kind();
                result.Add(value);
                result.Add(f.PickRandom(
                    $"Deployed {value} to production.",
                    $"[{Timestamp()}] INFO request_id={Uuid()} ref {value}",
                    $"See {value} for details.",
                    $"\"id\": \"{value}\", \"status\": \"approved\""));
            }
        return result;
    }
}
