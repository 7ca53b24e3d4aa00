using System.Text.Json.Nodes;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Masking;

namespace RunbookOrchestrator.Tests.Masking;

public class JsonMaskingTests
{
    private readonly Masker _masker = new();

    [Fact]
    public void Structure_and_json_types_are_preserved()
    {
        var input = JsonNode.Parse("""{"a":1,"b":true,"c":null,"d":[1,"x",{"e":2.5}],"f":{"g":"plain text"}}""");
        var masked = _masker.MaskJson(input);
        Assert.Equal(input!.ToJsonString(), masked!.ToJsonString());
    }

    [Fact]
    public void Input_node_is_not_changed()
    {
        var input = JsonNode.Parse("""{"note":"mail jane@example.com"}""")!;
        _ = _masker.MaskJson(input);
        Assert.Equal("mail jane@example.com", input["note"]!.GetValue<string>());
    }

    [Fact]
    public void Values_in_nested_arrays_are_masked_by_value()
    {
        var masked = _masker.MaskJson(JsonNode.Parse("""{"rows":[{"contact":["x","call 415-555-2671"]}]}"""))!;
        Assert.Equal("call ***-***-**71", masked["rows"]![0]!["contact"]![1]!.GetValue<string>());
    }

    [Fact]
    public void Card_number_sent_as_a_json_number_becomes_a_masked_string()
    {
        var masked = _masker.MaskJson(JsonNode.Parse("""{"n":4242424242424242,"qty":3}"""))!;
        Assert.Equal("**** **** **** 4242", masked["n"]!.GetValue<string>());
        Assert.Equal(3, masked["qty"]!.GetValue<int>());
    }

    [Fact]
    public void Fields_named_like_secrets_are_masked_whatever_their_value()
    {
        var masked = _masker.MaskJson(JsonNode.Parse("""{"db_password":"abc","apiKey":"short","nested":{"client_secret":"x"}}"""))!;
        Assert.Equal("[secret: db_password]", masked["db_password"]!.GetValue<string>());
        Assert.Equal("[secret: apiKey]", masked["apiKey"]!.GetValue<string>());
        Assert.Equal("[secret: client_secret]", masked["nested"]!["client_secret"]!.GetValue<string>());
    }

    [Fact]
    public void Declared_pii_input_is_masked_with_the_field_name_as_hint()
    {
        var policy = MaskingPolicy.FromInputs([new InputDefinition("customer_id", "string", true, null, DataClassification.Pii, null, null)]);
        var masked = _masker.MaskJson(JsonNode.Parse("""{"customer_id":"C-10042","format":"csv"}"""), policy)!;
        Assert.Equal("[pii: customer_id]", masked["customer_id"]!.GetValue<string>());
        Assert.Equal("csv", masked["format"]!.GetValue<string>());
    }

    [Fact]
    public void Declared_secret_object_is_masked_in_every_leaf_keeping_its_shape()
    {
        var policy = new MaskingPolicy(new Dictionary<string, DataClassification> { ["creds"] = DataClassification.Secret }, []);
        var masked = _masker.MaskJson(JsonNode.Parse("""{"creds":{"user":"svc","key":"k1"}}"""), policy)!;
        Assert.Equal("""{"creds":{"user":"[secret: creds]","key":"[secret: creds]"}}""", masked.ToJsonString());
    }

    [Fact]
    public void Declared_public_field_overrides_a_sensitive_looking_name()
    {
        var policy = new MaskingPolicy(new Dictionary<string, DataClassification> { ["token_count"] = DataClassification.Public }, []);
        var masked = _masker.MaskJson(JsonNode.Parse("""{"token_count":12}"""), policy)!;
        Assert.Equal(12, masked["token_count"]!.GetValue<int>());
    }

    [Fact]
    public void Runbook_listed_field_names_are_masked_as_secrets()
    {
        var policy = new MaskingPolicy(new Dictionary<string, DataClassification>(), ["tenant_ref"]);
        var masked = _masker.MaskJson(JsonNode.Parse("""{"tenant_ref":"T-1"}"""), policy)!;
        Assert.Equal("[secret: tenant_ref]", masked["tenant_ref"]!.GetValue<string>());
    }

    [Fact]
    public void Email_field_keeps_the_email_hint()
    {
        var masked = _masker.MaskJson(JsonNode.Parse("""{"email":"jane@example.com"}"""))!;
        Assert.Equal("j***@example.com", masked["email"]!.GetValue<string>());
    }
}
