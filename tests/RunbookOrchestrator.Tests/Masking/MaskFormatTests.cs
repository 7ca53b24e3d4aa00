using RunbookOrchestrator.Masking;

namespace RunbookOrchestrator.Tests.Masking;

public class MaskFormatTests
{
    private readonly Masker _masker = new();

    [Fact]
    public void Email_mask_keeps_first_letter_and_domain() => Assert.Equal("j***@example.com", _masker.Mask("jane@example.com", "email"));

    [Fact]
    public void Card_mask_keeps_only_the_last_four_digits() => Assert.Equal("**** **** **** 4242", _masker.Mask("4242-4242-4242-4242", "credit_card"));

    [Fact]
    public void Aws_key_mask_keeps_only_the_key_family() => Assert.Equal("AKIA…[aws-key]", _masker.Mask("AKIA2E7QZK4MWX9PLT3R", "aws_access_key"));

    [Fact]
    public void Phone_mask_keeps_country_code_and_last_two_digits() => Assert.Equal("+1 ***-***-**71", _masker.Mask("+1 415-555-2671", "phone"));

    [Fact]
    public void Iban_mask_keeps_only_the_country() => Assert.Equal("GB** **** … [iban]", _masker.Mask("GB82 WEST 1234 5698 7654 32", "iban"));

    [Fact]
    public void Connection_password_mask_names_the_kind_only() =>
        Assert.Equal("Server=db;Password=[secret: connection password];", _masker.MaskText("Server=db;Password=Tr0ub4dor&3x;").Text);

    [Fact]
    public void Ssn_mask_keeps_only_the_serial() => Assert.Equal("***-**-6789", _masker.Mask("123-45-6789", "us_ssn"));

    [Fact]
    public void Private_key_mask_names_the_key_type() =>
        Assert.Equal("[private key: EC]", _masker.Mask("-----BEGIN EC PRIVATE KEY-----\nabc\n-----END EC PRIVATE KEY-----", "private_key"));

    [Fact]
    public void Masked_text_never_contains_the_raw_value()
    {
        const string text = "Refund jane@example.com card 4242 4242 4242 4242 key AKIA2E7QZK4MWX9PLT3R";
        var masked = _masker.MaskText(text).Text;
        Assert.DoesNotContain("jane@", masked);
        Assert.DoesNotContain("4242 4242 4242 4242", masked);
        Assert.DoesNotContain("2E7QZK4MWX9PLT3R", masked);
    }

    [Fact]
    public void Detections_report_spans_in_the_original_text()
    {
        const string text = "a: jane@example.com, b: 123-45-6789";
        var result = _masker.MaskText(text);
        Assert.Equal(["jane@example.com", "123-45-6789"], result.Detections.Select(d => text.Substring(d.Start, d.Length)));
    }

    [Fact]
    public void Multi_line_text_keeps_its_lines()
    {
        var masked = _masker.MaskText("line one jane@example.com\nline two\r\nline three 415-555-2671").Text;
        Assert.Equal("line one j***@example.com\nline two\r\nline three ***-***-**71", masked);
    }
}
