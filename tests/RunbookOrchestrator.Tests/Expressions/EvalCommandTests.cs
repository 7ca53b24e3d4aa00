using System.Text.Json.Nodes;
using RunbookOrchestrator.Server.Cli;

namespace RunbookOrchestrator.Tests.Expressions;

public class EvalCommandTests
{
    private static async Task<(int Code, string[] Lines)> Run(string[] args, string stdin = "")
    {
        var output = new StringWriter();
        var code = await new EvalCommand().RunAsync(args, new CliConsole(new StringReader(stdin), output, new StringWriter()));
        return (code, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray());
    }

    [Fact]
    public void The_eval_verb_is_discovered_by_name() =>
        Assert.IsType<EvalCommand>(CliCommands.Find(["eval", "1"]));

    [Fact]
    public async Task One_expression_with_vars_prints_value_and_type()
    {
        var (code, lines) = await Run(["inputs.n > 3", "--vars", """{"inputs":{"n":5}}"""]);
        Assert.Equal(0, code);
        Assert.Equal("""{"value":true,"type":"bool"}""", Assert.Single(lines));
    }

    [Theory]
    [InlineData("1u + 2u", """{"value":3,"type":"uint"}""")]
    [InlineData("0.0 / 0.0", """{"value":"NaN","type":"double"}""")]
    [InlineData("-1.0 / 0.0", """{"value":"-Infinity","type":"double"}""")]
    [InlineData("b'hi'", """{"value":"aGk=","type":"bytes"}""")]
    [InlineData("type(1)", """{"value":"int","type":"type"}""")]
    [InlineData("{1: 'é'}", """{"value":{"1":"é"},"type":"map"}""")]
    [InlineData("null", """{"value":null,"type":"null_type"}""")]
    [InlineData("-1 + 0", """{"value":-1,"type":"int"}""")]
    public async Task Values_are_printed_in_the_documented_json_form(string expression, string expected)
    {
        var (code, lines) = await Run([expression]);
        Assert.Equal(0, code);
        Assert.Equal(expected, Assert.Single(lines));
    }

    [Theory]
    [InlineData(new[] { "1 / 0" }, "division by zero")]
    [InlineData(new[] { "{1: 'a', '1': 'b'}" }, "keys 1 and \"1\" both become the JSON name \"1\"")]
    [InlineData(new[] { "{true: 1, 'true': 2}" }, "both become the JSON name \"true\"")]
    [InlineData(new[] { "1 +" }, "column 4")]
    [InlineData(new[] { "x", "--vars", "[1]" }, "--vars must be a JSON object")]
    [InlineData(new[] { "x", "--vars", "{bad" }, "--vars is not valid JSON")]
    [InlineData(new[] { "x", "--vars" }, "--vars needs")]
    public async Task Failures_print_an_error_object_and_exit_1(string[] args, string message)
    {
        var (code, lines) = await Run(args);
        Assert.Equal(1, code);
        var error = JsonNode.Parse(Assert.Single(lines))!["error"]!.GetValue<string>();
        Assert.Contains(message, error);
    }

    [Fact]
    public async Task Json_lines_mode_answers_every_line_in_order_and_skips_blank_lines()
    {
        var input = string.Join('\n',
            """{"expr": "inputs.n * 2", "vars": {"inputs": {"n": 21}}}""",
            "",
            "not json at all",
            """{"expr": "1 / 0"}""",
            """{"vars": {}}""",
            """{"expr": "'a' + 'b'"}""",
            "[1, 2]",
            """{"expr": "x", "vars": 3}""");
        var (code, lines) = await Run([], input);
        Assert.Equal(0, code);
        Assert.Equal(7, lines.Length);
        Assert.Equal("""{"value":42,"type":"int"}""", lines[0]);
        Assert.Contains("not valid JSON", lines[1]);
        Assert.DoesNotContain("not json at all", lines[1]);
        Assert.Equal("""{"error":"division by zero"}""", lines[2]);
        Assert.Contains("\\u0022expr\\u0022 must be a string", lines[3].Replace("\\\"", "\\u0022"));
        Assert.Equal("""{"value":"ab","type":"string"}""", lines[4]);
        Assert.Contains("must be a JSON object", lines[5]);
        Assert.Contains("\\u0022vars\\u0022 must be a JSON object", lines[6].Replace("\\\"", "\\u0022"));
    }

    [Fact]
    public async Task Repeated_properties_and_unpaired_surrogates_yield_error_lines_without_ending_the_stream()
    {
        var input = string.Join('\n',
            """{"expr": "x", "vars": {"x": 1, "x": 2}}""",
            """{"expr": "x", "vars": {"x": "\ud800"}}""",
            """{"expr": "'\udc00'"}""",
            """{"expr": "x", "vars": {"x": "\ud83d\ude00"}}""");
        var (code, lines) = await Run([], input);
        Assert.Equal(0, code);
        Assert.Equal(4, lines.Length);
        Assert.Contains("a property name is repeated", lines[0]);
        Assert.Contains("unpaired surrogate", lines[1]);
        Assert.Contains("unpaired surrogate", lines[2]);
        Assert.Equal("😀", JsonNode.Parse(lines[3])!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Repeated_properties_in_vars_are_an_error()
    {
        var (code, lines) = await Run(["x", "--vars", """{"x": 1, "x": 2}"""]);
        Assert.Equal(1, code);
        Assert.Contains("a property name is repeated", Assert.Single(lines));
    }

    [Fact]
    public async Task A_byte_order_mark_before_the_first_line_is_ignored()
    {
        var (code, lines) = await Run([], "\uFEFF" + """{"expr": "1 + 1"}""");
        Assert.Equal(0, code);
        Assert.Equal("""{"value":2,"type":"int"}""", Assert.Single(lines));
    }
}
