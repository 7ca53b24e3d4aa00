using System.Text;
using RunbookOrchestrator.Server.Api;

namespace RunbookOrchestrator.Tests.Api;

/// <summary>The token walk behind every request body: what it refuses, and the JSON pointer, line and byte it names.</summary>
public sealed class JsonBodyScannerTests
{
    private static JsonBodyError? Scan(string json, int maxDepth = 32) => JsonBodyScanner.Scan(Encoding.UTF8.GetBytes(json), maxDepth);

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"a": [1, {"b": "c"}], "d": null, "e": 1e400}""")]
    [InlineData("""{"pair": "\ud83d\ude00"}""")]
    [InlineData("""[{"a": 1}, {"a": 2}]""")]
    public void Well_formed_json_passes(string json) => Assert.Null(Scan(json));

    [Theory]
    [InlineData("""{"a": 1, "a": 2}""", "duplicate-key", "/a")]
    [InlineData("""{"x": {"y": 1, "y": 2}}""", "duplicate-key", "/x/y")]
    [InlineData("""{"list": [{"k": 1, "k": 1}]}""", "duplicate-key", "/list/0/k")]
    [InlineData("""{"a/b": {"c~d": 1, "c~d": 2}}""", "duplicate-key", "/a~1b/c~0d")]
    [InlineData("""{"items": ["ok", "\ud800"]}""", "invalid-unicode-escape", "/items/1")]
    [InlineData("""{"\udfff": 1}""", "invalid-unicode-escape", "")]
    [InlineData("""{"a": {"b": [1, 2,]}}""", "malformed-json", "/a/b")]
    public void Refusals_name_their_code_and_path(string json, string code, string path)
    {
        var error = Scan(json);

        Assert.NotNull(error);
        Assert.Equal(code, error.Code);
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void Invalid_utf8_names_the_string_and_its_line_and_byte()
    {
        byte[] json = [.. "{\n  \"name\": \"ab"u8, 0xC3, 0x28, .. "\"\n}"u8];

        var error = JsonBodyScanner.Scan(json, 32)!;

        Assert.Equal(("invalid-utf8", "/name", 2L, 11L), (error.Code, error.Path, error.Line, error.Byte));
    }

    [Fact]
    public void Nesting_one_level_past_the_limit_names_the_path_of_the_level()
    {
        var json = "{\"a\": " + new string('[', 4) + new string(']', 4) + "}";

        var error = Scan(json, maxDepth: 4)!;

        Assert.Equal("too-deep", error.Code);
        Assert.Equal("/a/0/0/0", error.Path);
        Assert.Contains("4 levels", error.Message);
    }

    [Fact]
    public void Nesting_up_to_the_limit_passes() =>
        Assert.Null(Scan("{\"a\": " + new string('[', 3) + new string(']', 3) + "}", maxDepth: 4));
}
