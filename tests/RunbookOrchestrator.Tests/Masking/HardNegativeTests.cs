using RunbookOrchestrator.Masking;

namespace RunbookOrchestrator.Tests.Masking;

public class HardNegativeTests
{
    private readonly Masker _masker = new();

    [Theory]
    [InlineData("123e4567-e89b-12d3-a456-426614174000")]
    [InlineData("commit 9fceb02d0ae598e95dc970b74d4d5f1e2c3b4a59")]
    [InlineData("ORD-2024-000123")]
    [InlineData("invoice INV-2024-00042 and PO-88812345")]
    [InlineData("at 2024-01-15T10:23:45Z and 2024-01-15 10:23:45.123")]
    [InlineData("epoch 1705312345 and 1705312345123")]
    [InlineData("versions 1.2.3, 10.0.14, v2.31.0-rc.1")]
    [InlineData("hosts 192.168.1.100 and 10.0.0.1")]
    [InlineData("dates 2024-01-15, 15/01/2024, 01/15/2024")]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("pod payments-api-7d9f8b6c5d-x2k4p restarted")]
    [InlineData("getCustomerAccountByIdAsync threw")]
    public void Identifiers_dates_versions_and_hashes_are_not_masked(string text) =>
        Assert.Empty(_masker.MaskText(text).Detections);

    [Theory]
    [InlineData("4242 4242 4242 4241")]
    [InlineData("4111111111111112")]
    public void Card_look_alikes_failing_luhn_are_not_masked(string text) => Assert.Empty(_masker.MaskText(text).Detections);

    [Theory]
    [InlineData("GB83 WEST 1234 5698 7654 32")]
    [InlineData("DE88370400440532013000")]
    public void Ibans_failing_mod_97_are_not_masked(string text) => Assert.Empty(_masker.MaskText(text).Detections);

    [Fact]
    public void Iban_with_a_wrong_country_length_is_not_masked() =>
        Assert.Empty(_masker.MaskText("GB82WEST123456987654").Detections);

    [Theory]
    [InlineData("000-12-3456")]
    [InlineData("666-12-3456")]
    [InlineData("912-12-3456")]
    [InlineData("123-00-4567")]
    [InlineData("123-45-0000")]
    public void Ssns_in_never_issued_ranges_are_not_masked(string text) => Assert.Empty(_masker.MaskText(text).Detections);

    [Theory]
    [InlineData("DA123456A")]
    [InlineData("BG123456B")]
    [InlineData("AO123456C")]
    [InlineData("AB123456E")]
    public void Ninos_with_disallowed_prefix_or_suffix_are_not_masked(string text) => Assert.Empty(_masker.MaskText(text).Detections);

    [Fact]
    public void Jwt_look_alike_whose_header_is_not_json_is_not_masked() =>
        Assert.Empty(_masker.MaskText("eyJub3Rqc29uIGF0IGFsbA.eyJhYmMiOjF9.c2ln").Detections);

    [Theory]
    [InlineData("password: reset")]
    [InlineData("Password=********;")]
    [InlineData("password={{ secrets.db }}")]
    public void Password_placeholders_are_not_masked(string text) => Assert.Empty(_masker.MaskText(text).Detections);

    [Fact]
    public void Generated_hard_negatives_are_never_masked()
    {
        var masked = RunbookOrchestrator.Bench.Masking.MaskingCorpus.GenerateHardNegatives()
            .Where(t => _masker.MaskText(t).Detections.Count > 0).ToList();
        Assert.Empty(masked);
    }
}
