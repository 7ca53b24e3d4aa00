namespace RunbookOrchestrator.Tests.Expressions;

public class CelLiteralTests
{
    [Theory]
    [InlineData("0", "int", "0")]
    [InlineData("42", "int", "42")]
    [InlineData("-42", "int", "-42")]
    [InlineData("0x1F", "int", "31")]
    [InlineData("-0x10", "int", "-16")]
    [InlineData("9223372036854775807", "int", "9223372036854775807")]
    [InlineData("-9223372036854775808", "int", "-9223372036854775808")]
    [InlineData("1u", "uint", "1")]
    [InlineData("0xFFu", "uint", "255")]
    [InlineData("18446744073709551615u", "uint", "18446744073709551615")]
    [InlineData("2.5", "double", "2.5")]
    [InlineData("1e3", "double", "1000")]
    [InlineData("1.5E-3", "double", "0.0015")]
    [InlineData(".5", "double", "0.5")]
    [InlineData("-.5e1", "double", "-5")]
    [InlineData("true", "bool", "true")]
    [InlineData("false", "bool", "false")]
    [InlineData("null", "null_type", "null")]
    [InlineData("[]", "list", "[]")]
    [InlineData("[1, 'a', [true],]", "list", "[1, \"a\", [true]]")]
    [InlineData("{}", "map", "{}")]
    [InlineData("{'a': 1, 2: 'b', true: null,}", "map", "{\"a\": 1, \"2\": \"b\", \"true\": null}")]
    public void Numeric_bool_null_and_aggregate_literals_evaluate_to_themselves(string expression, string type, string json) =>
        CelCase.Yields(expression, type, json);

    [Theory]
    [InlineData("'abc'", "abc")]
    [InlineData("\"abc\"", "abc")]
    [InlineData("'''a\nb'''", "a\nb")]
    [InlineData("\"\"\"it's \"quoted\" \"\"\"", "it's \"quoted\" ")]
    [InlineData(@"'\n\t\\\""\''", "\n\t\\\"'")]
    [InlineData(@"'\a\b\f\r\v\?\`'", "\a\b\f\r\v?`")]
    [InlineData(@"'\x41\101\u00e9\U0001F600'", "AAé😀")]
    [InlineData(@"'\377'", "ÿ")]
    [InlineData(@"'\uD83D\uDE00'", "😀")]
    [InlineData(@"r'\n\d'", @"\n\d")]
    [InlineData(@"R""a\b""", @"a\b")]
    [InlineData("'a' // comment\n + 'b'", "ab")]
    public void String_literals_apply_cel_escapes_unless_raw(string expression, string expected) =>
        Assert.Equal(expected, Assert.IsType<RunbookOrchestrator.Expressions.CelString>(CelCase.Eval(expression)).Value);

    [Theory]
    [InlineData("b'abc'", "YWJj")]
    [InlineData(@"b'\xff'", "/w==")]
    [InlineData(@"b'\377\000'", "/wA=")]
    [InlineData("b'ÿ'", "w78=")]
    [InlineData(@"br'\x'", "XHg=")]
    public void Bytes_literals_are_byte_sequences_shown_as_base64(string expression, string base64) =>
        CelCase.Yields(expression, "bytes", $"\"{base64}\"");

    [Fact]
    public void A_string_escape_and_a_bytes_escape_of_the_same_octal_differ() =>
        CelCase.Yields(@"bytes('\377') == b'\377'", "bool", "false");

    [Theory]
    [InlineData(@"b'\u00ff'")]
    [InlineData(@"b'\U0001F600'")]
    [InlineData(@"'\uD83D'")]
    [InlineData(@"'\uDE00\uD83D'")]
    [InlineData("0X1F")]
    public void Escapes_and_prefixes_outside_the_cel_lexis_are_syntax_errors(string expression)
    {
        var error = Assert.Throws<RunbookOrchestrator.Expressions.ExpressionException>(() => CelCase.Eval(expression));
        Assert.StartsWith("Syntax error:", error.Message);
    }
}
