using RunbookOrchestrator.Bench.Masking;
using RunbookOrchestrator.Masking;

namespace RunbookOrchestrator.Tests.Masking;

// Triggers and windows exist only to skip work: with every regex run over every whole text, the same values must be found.
public class TriggerEquivalenceTests
{
    private static readonly Masker Fast = new();

    private static readonly Masker Exhaustive =
        new(new DetectorCatalog(DetectorCatalog.Default.Detectors.Select(d => d with { Trigger = new DetectorTrigger() })));

    public static TheoryData<string> EdgeCases => new(
        "+44 20 7946 0958", "call +44 (20) 7946 0958 today", "(020) 7946 0958", "1-415-555-2671.", "x 415.555.2671, ok",
        "+1 (415) 555-2671", "tel:+33 1 23 45 67 89", "2024-01-15 10:23:45 +1 415 555 2671", "order 12 +44 20 7946 0958",
        "ssn 123-45-6789 on 2024-01-15", "1234-56-7890 and 123-45-67890 and 123-45-6789", "SSN:123456789", "social security number # 123456789",
        "QQ 12 34 56 C", "QQ123456C.", "AB 12 34 56 E and JG103724D", "GB82 WEST 1234 5698 7654 32 and DE89370400440532013000",
        "IBAN:GB82WEST12345698765432,", "card 4242-4242-4242-4242 exp 12/29", "3782 822463 10005", "4242424242424242.", "n=5555555555554444",
        "key=Zx8Kq2Lm9Pw4Rt6Yv1Bn3Cd5Fg7Hj0==", "a.kP9xZ2mQ7vR4tL8wN3bY6cH1jF5sD0gA", "kP9xZ2mQ7vR4tL8wN3bY6cH1jF5sD0gA.com",
        "kP9xZ2mQ7vR4tL8wN3bY6cH1jF5sD0gA", "_kP9xZ2mQ7vR4tL8wN3bY6cH1jF5sD0gA_", "aws_secret_access_key=q8Rz3NvT2wXbL7mK9pQ4sYdF6hJ1aC5eG0uZiVo+",
        "x-q8Rz3NvT2wXbL7mK9pQ4sYdF6hJ1aC5eG0uZiVo+-y", "Password = \"s3cr3t pw\"; PWD=hunter22 passphrase: 'x y z'", "bypass the password",
        "ids 12345678901234567890123 and 0000000000000", "+++1234567890", "((020)) 7946 0958", "0 2 0 7 9 4 6 0 9 5 8");

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void Edge_cases_are_found_as_an_exhaustive_scan_finds_them(string text) => AssertSame(text);

    [Fact]
    public void Corpus_hard_negatives_and_payloads_are_found_as_an_exhaustive_scan_finds_them()
    {
        var texts = MaskingCorpus.Generate(perType: 40).Select(t => t.Text)
            .Concat(MaskingCorpus.GenerateHardNegatives(perKind: 10))
            .Concat(ApprovalPayloads.Generate(40));
        foreach (var text in texts) AssertSame(text);
    }

    private static void AssertSame(string text) =>
        Assert.Equal(Describe(Exhaustive.MaskText(text)), Describe(Fast.MaskText(text)));

    private static string Describe(MaskResult result) =>
        string.Join(" | ", result.Detections.Select(d => $"{d.Detector}@{d.Start}+{d.Length}")) + " => " + result.Text;
}
