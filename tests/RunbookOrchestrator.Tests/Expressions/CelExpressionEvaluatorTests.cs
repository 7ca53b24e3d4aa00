using System.Text.Json.Nodes;
using Bogus;
using RunbookOrchestrator.Expressions;

namespace RunbookOrchestrator.Tests.Expressions;

public class CelExpressionEvaluatorTests
{
    private readonly CelExpressionEvaluator _evaluator = new();

    private static JsonObject Scope(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void A_when_condition_reads_inputs_and_step_outputs()
    {
        var scope = Scope("""{"inputs": {"format": "csv"}, "steps": {"fetch-data": {"outcome": "done", "output": {"rows": 12}}}}""");
        Assert.True(_evaluator.EvaluateCondition("inputs.format != 'none' && steps['fetch-data'].output.rows > 10", scope));
    }

    [Fact]
    public void Integral_json_numbers_are_ints_and_fractional_ones_doubles()
    {
        var scope = Scope("""{"inputs": {"n": 5, "x": 2.5, "big": 1e300}}""");
        Assert.Equal("int", _evaluator.Evaluate("type(inputs.n)", scope)!.GetValue<string>());
        Assert.Equal("double", _evaluator.Evaluate("type(inputs.x)", scope)!.GetValue<string>());
        Assert.Equal("double", _evaluator.Evaluate("type(inputs.big)", scope)!.GetValue<string>());
        Assert.Equal(6, _evaluator.Evaluate("inputs.n + 1", scope)!.GetValue<long>());
    }

    [Fact]
    public void Json_numbers_built_in_code_map_by_their_dotnet_type()
    {
        var scope = new JsonObject { ["i"] = 3, ["d"] = 1.5, ["l"] = 7L, ["m"] = 2.0m };
        Assert.True(_evaluator.EvaluateCondition("type(i) == int && type(d) == double && type(l) == int && type(m) == int", scope));
    }

    [Fact]
    public void Results_come_back_as_json_with_bytes_in_base64_and_map_keys_as_strings()
    {
        var result = _evaluator.Evaluate("{'n': 1, 2: b'hi', 'l': [1u, 2.5, null, true]}", new JsonObject());
        Assert.Equal("""{"n":1,"2":"aGk=","l":[1,2.5,null,true]}""", result!.ToJsonString());
    }

    [Fact]
    public void A_condition_that_is_not_a_bool_is_an_error()
    {
        var error = Assert.Throws<ExpressionException>(() => _evaluator.EvaluateCondition("inputs.n", Scope("""{"inputs": {"n": 1}}""")));
        Assert.Contains("must evaluate to bool", error.Message);
        Assert.Contains("int", error.Message);
    }

    [Fact]
    public void Evaluation_errors_do_not_echo_variable_values()
    {
        var email = new Faker().Internet.Email();
        var error = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("int(inputs.email)", Scope($$$"""{"inputs": {"email": "{{{email}}}"}}""")));
        Assert.DoesNotContain(email, error.Message);
    }

    [Fact]
    public void Evaluation_errors_carry_the_column_of_the_failing_node()
    {
        var error = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("1 + inputs.missing", Scope("""{"inputs": {}}""")));
        Assert.Equal("no such key: missing", error.Message);
        Assert.Equal(11, error.Column);
    }

    [Fact]
    public void Check_syntax_returns_null_for_valid_text_and_the_column_otherwise()
    {
        Assert.Null(_evaluator.CheckSyntax("inputs.a > 1"));
        var error = _evaluator.CheckSyntax("inputs.a >");
        Assert.NotNull(error);
        Assert.Equal(11, error.Column);
    }

    [Fact]
    public void The_same_evaluator_can_be_used_from_many_threads()
    {
        var results = Enumerable.Range(0, 200).AsParallel()
            .Select(i => _evaluator.Evaluate($"inputs.n * {i % 7}", Scope($$$"""{"inputs": {"n": {{{i}}}}}"""))!.GetValue<long>() == i * (i % 7))
            .ToList();
        Assert.All(results, Assert.True);
    }

    [Fact]
    public void A_cel_value_round_trips_through_json()
    {
        var json = JsonNode.Parse("""{"a": [1, "x", {"b": null}], "c": false, "d": 0.25}""");
        Assert.Equal(json!.ToJsonString(), CelValue.FromJson(json).ToJson()!.ToJsonString());
    }
}
