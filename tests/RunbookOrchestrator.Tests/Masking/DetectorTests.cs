using RunbookOrchestrator.Masking;

namespace RunbookOrchestrator.Tests.Masking;

public class DetectorTests
{
    private readonly Masker _masker = new();

    private Detection Single(string text)
    {
        var detections = _masker.MaskText(text).Detections;
        return Assert.Single(detections);
    }

    private void AssertDetected(string text, string value, string type)
    {
        var d = Single(text);
        Assert.Equal(type, d.Type);
        Assert.Equal(value, text.Substring(d.Start, d.Length));
    }

    [Theory]
    [InlineData("Please write to jane.doe@example.com today.", "jane.doe@example.com")]
    [InlineData("From: Ops Team <ops+alerts@mail.example.co.uk>", "ops+alerts@mail.example.co.uk")]
    public void Email_in_prose_is_detected_with_its_exact_span(string text, string email) => AssertDetected(text, email, "email");

    [Theory]
    [InlineData("Call +44 20 7946 0958 now", "+44 20 7946 0958")]
    [InlineData("Call (415) 555-2671 now", "(415) 555-2671")]
    [InlineData("Call 415-555-2671 now", "415-555-2671")]
    [InlineData("Call +1 415 555 2671 now", "+1 415 555 2671")]
    [InlineData("Call 020 7946 0958 now", "020 7946 0958")]
    [InlineData("Call 415.555.2671 now", "415.555.2671")]
    public void Phone_numbers_in_common_formats_are_detected(string text, string phone) => AssertDetected(text, phone, "phone");

    [Theory]
    [InlineData("card 4242 4242 4242 4242 ok", "4242 4242 4242 4242")]
    [InlineData("card 4111-1111-1111-1111 ok", "4111-1111-1111-1111")]
    [InlineData("card 5555555555554444 ok", "5555555555554444")]
    [InlineData("amex 3782 822463 10005 ok", "3782 822463 10005")]
    public void Luhn_valid_card_numbers_with_spaces_or_dashes_are_detected(string text, string card) => AssertDetected(text, card, "credit_card");

    [Theory]
    [InlineData("IBAN GB82 WEST 1234 5698 7654 32 please", "GB82 WEST 1234 5698 7654 32")]
    [InlineData("IBAN DE89370400440532013000.", "DE89370400440532013000")]
    [InlineData("IBAN NL91ABNA0417164300", "NL91ABNA0417164300")]
    public void Mod_97_valid_ibans_are_detected_compact_or_grouped(string text, string iban) => AssertDetected(text, iban, "iban");

    [Fact]
    public void Us_ssn_with_dashes_is_detected() => AssertDetected("SSN 123-45-6789 on file", "123-45-6789", "us_ssn");

    [Fact]
    public void Labelled_us_ssn_without_dashes_is_detected() => AssertDetected("ssn: 123456789", "123456789", "us_ssn");

    [Theory]
    [InlineData("NI AB123456C.", "AB123456C")]
    [InlineData("NI JG 10 37 24 D", "JG 10 37 24 D")]
    public void Uk_nino_with_allowed_prefix_and_suffix_is_detected(string text, string nino) => AssertDetected(text, nino, "uk_nino");

    [Fact]
    public void Aws_documented_example_keys_are_not_secrets() =>
        Assert.Empty(new Masker().MaskText("aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY").Detections);

    [Fact]
    public void Aws_access_key_id_is_detected() => AssertDetected("key AKIA2E7QZK4MWX9PLT3R leaked", "AKIA2E7QZK4MWX9PLT3R", "aws_access_key");

    [Fact]
    public void Aws_secret_key_next_to_an_aws_name_is_detected() =>
        AssertDetected("aws_secret_access_key=q8Rz3NvT2wXbL7mK9pQ4sYdF6hJ1aC5eG0uZiVo+", "q8Rz3NvT2wXbL7mK9pQ4sYdF6hJ1aC5eG0uZiVo+", "aws_secret_key");

    [Theory]
    [InlineData("ghp_16C7e42F292c6912E7710c838347Ae178B4a")]
    [InlineData("github_pat_11ABCDEFG0123456789abc_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVW")]
    public void GitHub_tokens_are_detected(string token) => AssertDetected($"token {token} revoked", token, "github_token");

    [Fact]
    public void GitLab_personal_access_token_is_detected() => AssertDetected("PRIVATE-TOKEN: glpat-xYz12AbC34dEf56GhI78j", "glpat-xYz12AbC34dEf56GhI78j", "gitlab_token");

    [Fact]
    public void Slack_bot_token_is_detected() =>
        AssertDetected("SLACK=xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "slack_token");

    [Fact]
    public void Slack_webhook_url_is_detected() =>
        AssertDetected("post to https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX now",
            "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", "slack_webhook");

    [Fact]
    public void Jwt_whose_header_has_an_alg_is_detected()
    {
        const string jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        AssertDetected($"Authorization: Bearer {jwt}", jwt, "jwt");
    }

    [Fact]
    public void Multi_line_pem_private_key_is_detected_as_one_span()
    {
        const string pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7bq\nZm9vYmFy==\n-----END RSA PRIVATE KEY-----";
        AssertDetected($"key:\n{pem}\nthanks", pem, "private_key");
    }

    [Theory]
    [InlineData("Server=db;User Id=sa;Password=S3cr3t!x;Database=crm", "S3cr3t!x")]
    [InlineData("Host=db;pwd=hunter22;", "hunter22")]
    [InlineData("postgres://admin:s3cretPw@db.internal:5432/app", "s3cretPw")]
    public void Passwords_in_connection_strings_and_urls_are_detected(string text, string password) => AssertDetected(text, password, "password");

    [Theory]
    [InlineData("X-Api-Key: Zx8Kq2Lm9Pw4Rt6Yv1Bn3Cd5Fg7Hj0", "Zx8Kq2Lm9Pw4Rt6Yv1Bn3Cd5Fg7Hj0")]
    [InlineData("rotated kP9xZ2mQ7vR4tL8wN3bY6cH1jF5sD0gA today", "kP9xZ2mQ7vR4tL8wN3bY6cH1jF5sD0gA")]
    [InlineData("STRIPE=sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_live_4eC39HqLyjWDarjtT1zdp7dc")]
    public void Api_keys_by_name_prefix_or_entropy_are_detected(string text, string key) => AssertDetected(text, key, "api_key");

    [Fact]
    public void A_new_detector_is_one_catalog_entry()
    {
        var employeeId = new Detector("employee_id", "employee_id", DetectorCatalog.Pattern(@"EMP-\d{6}"),
            Detector.Always, MaskStyles.Fixed("[employee]"), 50, new DetectorTrigger(AnyOf: ["EMP-"]));
        var masker = new Masker(DetectorCatalog.Default.With(employeeId));

        Assert.Equal("badge EMP-123456 issued", _masker.MaskText("badge EMP-123456 issued").Text);
        Assert.Equal("badge [employee] issued", masker.MaskText("badge EMP-123456 issued").Text);
    }
}
