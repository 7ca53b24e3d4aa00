using System.Text.Json;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Bench.Masking;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Masking;

namespace RunbookOrchestrator.Tests.Masking;

// The streaming path must write exactly what masking the parsed tree and serialising it writes.
public class JsonTextMaskingTests
{
    private static readonly Masker Masker = new();

    private static readonly MaskingPolicy Declared = new(
        new Dictionary<string, DataClassification>(StringComparer.OrdinalIgnoreCase)
        {
            ["note"] = DataClassification.Pii, ["token_count"] = DataClassification.Public, ["reason"] = DataClassification.Secret,
        },
        ["ticket", "Extra"]);

    public static TheoryData<string> EdgeCases => new(
        """{"a":1,"b":true,"c":null,"d":[1,"x",{"e":2.5}],"f":{"g":"plain text"}}""",
        """{"n":4242424242424242,"qty":3,"big":12345678901234567890,"neg":-4242424242424242,"exp":1.5e3,"f":4242424242424242.0}""",
        """{"password":{"inner":["a",1,true,null,{"deep":"x"}]},"token_count":7,"api_key":12345}""",
        """{"card":4242424242424242,"email":"someone","phone":"+44 20 7946 0958","note":"mail jane@example.com","ssn":"123-45-6789"}""",
        """["jane@example.com",{"Password":"hunter2"},[["4242 4242 4242 4242"]],"\u00e9\u0041</script>",""]""",
        "\"call 415-555-2671\"", "4242424242424242", "12", "true", "null", "[]", "{}",
        """{"reason":"x","ticket":"INV-1","extra":"y","notes":"aws_secret_access_key=q8Rz3NvT2wXbL7mK9pQ4sYdF6hJ1aC5eG0uZiVo+"}""",
        """{"emoji":"😀 jane@example.com","esc":"line\nbreak\t\"quoted\" \\ back","ctl":"\u0001"}""");

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void Edge_cases_are_written_as_the_tree_path_writes_them(string json)
    {
        AssertSame(json, MaskingPolicy.Empty);
        AssertSame(json, Declared);
    }

    [Fact]
    public void Payloads_and_corpus_are_written_as_the_tree_path_writes_them()
    {
        foreach (var payload in ApprovalPayloads.Generate(60)) AssertSame(payload, MaskingPolicy.Empty);
        var texts = MaskingCorpus.Generate(perType: 20).Select(t => t.Text).Concat(MaskingCorpus.GenerateHardNegatives(perKind: 5));
        foreach (var text in texts)
        {
            var json = new JsonObject { ["note"] = text, ["secret"] = text, ["card_number"] = text, ["items"] = new JsonArray(text, 4242424242424242L) }.ToJsonString();
            AssertSame(json, MaskingPolicy.Empty);
            AssertSame(json, Declared);
        }
    }

    [Fact]
    public void A_repeated_property_name_fails_as_it_does_when_parsed()
    {
        const string json = """{"a":1,"a":2}""";
        Assert.Throws<ArgumentException>(() => Masker.MaskJson(JsonNode.Parse(json)));
        Assert.Throws<ArgumentException>(() => Masker.MaskJsonText(json));
    }

    [Fact]
    public void Malformed_json_fails_as_it_does_when_parsed()
    {
        const string json = """{"a":1,}""";
        Assert.ThrowsAny<JsonException>(() => JsonNode.Parse(json));
        Assert.ThrowsAny<JsonException>(() => Masker.MaskJsonText(json));
    }

    private static void AssertSame(string json, MaskingPolicy policy)
    {
        var node = JsonNode.Parse(json);
        var expected = node is null ? "null" : Masker.MaskJson(node, policy)!.ToJsonString();
        Assert.Equal(expected, Masker.MaskJsonText(json, policy));
    }
}
