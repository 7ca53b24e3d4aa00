using RunbookOrchestrator.Identity;

namespace RunbookOrchestrator.Tests.Identity;

public class ApiKeyFormatTests
{
    [Fact]
    public void Generated_key_is_rbo_then_an_8_character_id_then_a_43_character_secret()
    {
        var raw = ApiKeyFormat.Generate().Reveal();

        Assert.Matches("^rbo_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$", raw);
    }

    [Fact]
    public void Two_generated_keys_differ()
    {
        Assert.NotEqual(ApiKeyFormat.Generate().Reveal(), ApiKeyFormat.Generate().Reveal());
    }

    [Fact]
    public void Generated_key_parses_back_to_the_same_id()
    {
        var key = ApiKeyFormat.Generate();

        Assert.True(ApiKeyFormat.TryParse(key.Reveal(), out var parsed));
        Assert.Equal(key.Id, parsed.Id);
    }

    [Fact]
    public void Printing_a_key_shows_only_its_public_prefix()
    {
        var key = ApiKeyFormat.Generate();

        Assert.Equal($"rbo_{key.Id}_…", key.ToString());
        Assert.DoesNotContain(key.Reveal()[13..], $"{key}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("rbo_")]
    [InlineData("sk_live_abcdefgh_0123456789012345678901234567890123456789012")]
    [InlineData("rbo_ABCDEFGH_0123456789012345678901234567890123456789012")]
    [InlineData("rbo_abcdefgh-0123456789012345678901234567890123456789012")]
    [InlineData("rbo_abcdefgh_01234567890123456789012345678901234567890123")]
    [InlineData("rbo_abcdefgh_012345678901234567890123456789012345678901!")]
    public void Malformed_key_is_not_parsed(string raw)
    {
        Assert.False(ApiKeyFormat.TryParse(raw, out _));
    }

    [Fact]
    public void Hash_matches_only_the_key_it_was_made_from()
    {
        var key = ApiKeyFormat.Generate();
        var other = ApiKeyFormat.Generate();
        var hash = ApiKeyFormat.Hash(key);

        Assert.True(ApiKeyFormat.Matches(key, hash));
        Assert.False(ApiKeyFormat.Matches(other, hash));
    }
}
