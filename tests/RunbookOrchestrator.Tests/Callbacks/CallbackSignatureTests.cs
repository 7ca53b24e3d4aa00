using RunbookOrchestrator.Runtime.Callbacks;

namespace RunbookOrchestrator.Tests.Callbacks;

public class CallbackSignatureTests
{
    private const string Secret = "whsec_test_3f9a";
    private const string Body = """{"run_id":"run_1","status":"Succeeded"}""";
    private static readonly DateTimeOffset SentAt = new(2026, 11, 22, 1, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [Fact]
    public void Signed_callback_verifies_with_the_same_secret()
    {
        var header = CallbackSigner.Sign(Body, Secret, SentAt);

        Assert.Equal(CallbackSignatureCheck.Valid, CallbackSignature.Verify(header, Body, Secret, Tolerance, SentAt.AddSeconds(3)));
    }

    [Fact]
    public void Header_carries_unix_seconds_and_a_lower_case_hex_hmac()
    {
        var header = CallbackSigner.Sign(Body, Secret, SentAt);

        Assert.Matches($"^t={SentAt.ToUnixTimeSeconds()},v1=[0-9a-f]{{64}}$", header);
    }

    [Fact]
    public void Tampered_body_is_rejected()
    {
        var header = CallbackSigner.Sign(Body, Secret, SentAt);

        var check = CallbackSignature.Verify(header, Body.Replace("Succeeded", "Failed"), Secret, Tolerance, SentAt);

        Assert.Equal(CallbackSignatureCheck.SignatureMismatch, check);
    }

    [Fact]
    public void Signature_made_with_another_secret_is_rejected()
    {
        var header = CallbackSigner.Sign(Body, "another-secret", SentAt);

        Assert.Equal(CallbackSignatureCheck.SignatureMismatch, CallbackSignature.Verify(header, Body, Secret, Tolerance, SentAt));
    }

    [Fact]
    public void Timestamp_older_than_the_tolerance_is_rejected_as_a_possible_replay()
    {
        var header = CallbackSigner.Sign(Body, Secret, SentAt);

        var check = CallbackSignature.Verify(header, Body, Secret, Tolerance, SentAt + Tolerance + TimeSpan.FromSeconds(1));

        Assert.Equal(CallbackSignatureCheck.TimestampOutsideTolerance, check);
    }

    [Fact]
    public void Changing_the_timestamp_breaks_the_signature()
    {
        var header = CallbackSigner.Sign(Body, Secret, SentAt);
        var moved = header.Replace($"t={SentAt.ToUnixTimeSeconds()}", $"t={SentAt.ToUnixTimeSeconds() + 60}");

        Assert.Equal(CallbackSignatureCheck.SignatureMismatch, CallbackSignature.Verify(moved, Body, Secret, Tolerance, SentAt));
    }

    [Fact]
    public void Any_matching_v1_signature_is_enough_during_secret_rotation()
    {
        var current = CallbackSigner.Sign(Body, Secret, SentAt);
        var header = $"t={SentAt.ToUnixTimeSeconds()},v1={new string('0', 64)},{current.Split(',')[1]}";

        Assert.Equal(CallbackSignatureCheck.Valid, CallbackSignature.Verify(header, Body, Secret, Tolerance, SentAt));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=abc")]
    [InlineData("t=notanumber,v1=abc")]
    [InlineData("t=1763773200")]
    [InlineData("garbage")]
    public void Malformed_header_is_reported_as_malformed(string? header)
    {
        Assert.Equal(CallbackSignatureCheck.Malformed, CallbackSignature.Verify(header, Body, Secret, Tolerance, SentAt));
    }
}
