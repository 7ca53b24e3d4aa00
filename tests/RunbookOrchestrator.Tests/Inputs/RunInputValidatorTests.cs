using System.Text.Json.Nodes;
using Bogus;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Runtime.Inputs;

namespace RunbookOrchestrator.Tests.Inputs;

public class RunInputValidatorTests
{
    private static InputDefinition Input(string name, string type, bool required = false, JsonNode? @default = null, DataClassification classification = DataClassification.Internal) =>
        new(name, type, required, @default, classification, null, null);

    private static RunbookDefinition Runbook(params InputDefinition[] inputs) =>
        new("export-customer-data", 1, null, null, ["data-owners"], inputs, [], null);

    private static IReadOnlyList<InputError> Errors(RunbookDefinition runbook, string json)
    {
        var result = RunInputValidator.Validate(runbook, JsonNode.Parse(json)!.AsObject());
        Assert.False(result.IsValid);
        return result.Errors;
    }

    [Fact]
    public void Undeclared_input_is_reported_by_name_with_the_declared_ones()
    {
        var error = Assert.Single(Errors(Runbook(Input("customer_id", "string")), """{ "customer": "c-1" }"""));

        Assert.Equal("customer", error.Input);
        Assert.Contains("not declared", error.Message);
        Assert.Contains("customer_id", error.Message);
    }

    [Fact]
    public void Missing_required_input_is_reported_by_name()
    {
        var error = Assert.Single(Errors(Runbook(Input("customer_id", "string", required: true)), "{}"));

        Assert.Equal("customer_id", error.Input);
        Assert.Contains("missing", error.Message);
    }

    [Fact]
    public void No_inputs_at_all_is_the_same_as_an_empty_object()
    {
        var result = RunInputValidator.Validate(Runbook(Input("customer_id", "string", required: true)), null);

        Assert.Equal("customer_id", Assert.Single(result.Errors).Input);
    }

    [Fact]
    public void Null_for_a_required_input_counts_as_missing()
    {
        Assert.Contains("missing", Assert.Single(Errors(Runbook(Input("customer_id", "string", required: true)), """{ "customer_id": null }""")).Message);
    }

    [Theory]
    [InlineData("string", "42", "must be a string, got a number")]
    [InlineData("int", "\"3\"", "must be an integer, got a string")]
    [InlineData("int", "2.5", "must be an integer, got a number with a fractional part")]
    [InlineData("number", "true", "must be a number, got a boolean")]
    [InlineData("bool", "\"yes\"", "must be a boolean (true or false), got a string")]
    [InlineData("object", "[1]", "must be an object, got an array")]
    [InlineData("array", "{}", "must be an array, got an object")]
    public void Value_of_the_wrong_type_is_reported_with_expected_and_actual_kind(string type, string value, string expected)
    {
        var error = Assert.Single(Errors(Runbook(Input("x", type)), $$"""{ "x": {{value}} }"""));

        Assert.Equal($"input 'x' {expected}", error.Message);
    }

    [Fact]
    public void Integral_number_for_an_int_input_stays_an_integer()
    {
        var result = RunInputValidator.Validate(Runbook(Input("replicas", "int")), JsonNode.Parse("""{ "replicas": 3.0 }""")!.AsObject());

        Assert.True(result.IsValid);
        Assert.Equal("""{"replicas":3}""", result.Inputs!.ToJsonString());
        Assert.Equal(3L, result.Inputs["replicas"]!.GetValue<long>());
    }

    [Fact]
    public void Number_input_keeps_its_fraction()
    {
        var result = RunInputValidator.Validate(Runbook(Input("ratio", "number")), JsonNode.Parse("""{ "ratio": 0.25 }""")!.AsObject());

        Assert.Equal(0.25, result.Inputs!["ratio"]!.GetValue<double>());
    }

    [Fact]
    public void String_longer_than_64_KiB_is_too_large()
    {
        var runbook = Runbook(Input("notes", "string"));
        var supplied = new JsonObject { ["notes"] = new string('x', 64 * 1024 + 1) };

        var error = Assert.Single(RunInputValidator.Validate(runbook, supplied).Errors);

        Assert.Equal("input 'notes' is too large: strings are limited to 64 KiB", error.Message);
    }

    [Fact]
    public void String_of_exactly_64_KiB_is_accepted()
    {
        var supplied = new JsonObject { ["notes"] = new string('x', 64 * 1024) };

        Assert.True(RunInputValidator.Validate(Runbook(Input("notes", "string")), supplied).IsValid);
    }

    [Fact]
    public void Oversized_string_inside_an_object_input_is_too_large()
    {
        var supplied = new JsonObject { ["payload"] = new JsonObject { ["blob"] = new string('x', 70_000) } };

        Assert.Contains("too large", Assert.Single(RunInputValidator.Validate(Runbook(Input("payload", "object")), supplied).Errors).Message);
    }

    [Fact]
    public void Defaults_fill_inputs_that_were_not_supplied()
    {
        var runbook = Runbook(Input("format", "string", @default: "csv"), Input("limit", "int", @default: 100));

        var result = RunInputValidator.Validate(runbook, new JsonObject { ["limit"] = 5 });

        Assert.Equal("""{"format":"csv","limit":5}""", result.Inputs!.ToJsonString());
    }

    [Fact]
    public void Optional_input_without_default_is_left_out()
    {
        var result = RunInputValidator.Validate(Runbook(Input("ticket", "string")), new JsonObject());

        Assert.True(result.IsValid);
        Assert.Empty(result.Inputs!);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var runbook = Runbook(Input("customer_id", "string", required: true), Input("replicas", "int"));

        var errors = Errors(runbook, """{ "replicas": "many", "extra": 1 }""");

        Assert.Equal(["extra", "customer_id", "replicas"], errors.Select(e => e.Input));
    }

    [Fact]
    public void Mistyped_pii_value_is_not_echoed_in_the_error()
    {
        var email = new Faker().Internet.Email();
        var runbook = Runbook(Input("customer_email", "int", classification: DataClassification.Pii));

        var error = Assert.Single(RunInputValidator.Validate(runbook, new JsonObject { ["customer_email"] = email }).Errors);

        Assert.Contains("customer_email", error.Message);
        Assert.DoesNotContain(email, error.Message);
    }

    [Fact]
    public void Oversized_secret_value_is_not_echoed_in_the_error()
    {
        var secret = "s3cr3t-" + new string('k', 70_000);
        var runbook = Runbook(Input("token", "string", classification: DataClassification.Secret));

        var error = Assert.Single(RunInputValidator.Validate(runbook, new JsonObject { ["token"] = secret }).Errors);

        Assert.DoesNotContain("s3cr3t", error.Message);
    }

    [Fact]
    public void Supplied_inputs_are_copied_not_shared()
    {
        var supplied = new JsonObject { ["tags"] = new JsonArray("a") };

        var result = RunInputValidator.Validate(Runbook(Input("tags", "array")), supplied);
        supplied["tags"]!.AsArray().Add("b");

        Assert.Single(result.Inputs!["tags"]!.AsArray());
    }
}
