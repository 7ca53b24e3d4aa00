using System.Security.Cryptography;
using Bogus;
using RunbookOrchestrator.Protection;

namespace RunbookOrchestrator.Tests.Protection;

public sealed class SecretBoxTests
{
    private readonly Faker _faker = new();

    [Fact]
    public void A_sealed_value_opens_to_what_was_sealed_and_does_not_contain_it()
    {
        var box = SecretBox.Ephemeral();
        var email = _faker.Internet.Email();

        var sealedValue = box.Seal($"{{\"email\":\"{email}\"}}");

        Assert.DoesNotContain(email, sealedValue);
        Assert.Equal($"{{\"email\":\"{email}\"}}", box.Open(sealedValue));
    }

    [Fact]
    public void Equal_texts_seal_differently()
    {
        var box = SecretBox.Ephemeral();
        var text = _faker.Lorem.Sentence();

        Assert.NotEqual(box.Seal(text), box.Seal(text));
    }

    [Fact]
    public void Another_key_cannot_open_a_sealed_value()
    {
        var sealedValue = SecretBox.Ephemeral().Seal(_faker.Internet.Password());

        Assert.ThrowsAny<CryptographicException>(() => SecretBox.Ephemeral().Open(sealedValue));
    }

    [Fact]
    public void An_altered_sealed_value_is_refused()
    {
        var box = SecretBox.Ephemeral();
        var sealedValue = box.Seal(_faker.Lorem.Sentence());
        var bytes = Convert.FromBase64String(sealedValue[SecretBox.Prefix.Length..]);
        bytes[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => box.Open(SecretBox.Prefix + Convert.ToBase64String(bytes)));
    }

    [Fact]
    public void Text_written_before_sealing_existed_is_read_as_it_is()
    {
        var legacy = "{\"ticket\":\"" + _faker.Random.AlphaNumeric(8) + "\"}";

        Assert.Equal(legacy, SecretBox.Ephemeral().Open(legacy));
    }
}
