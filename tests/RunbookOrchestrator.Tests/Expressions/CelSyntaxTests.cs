using RunbookOrchestrator.Expressions;

namespace RunbookOrchestrator.Tests.Expressions;

public class CelSyntaxTests
{
    [Theory]
    [InlineData("1 +", 4)]
    [InlineData("a.b +* 2", 6)]
    [InlineData("(1 + 2", 7)]
    [InlineData("[1, 2", 6)]
    [InlineData("{'a' 1}", 6)]
    [InlineData("1 = 2", 3)]
    [InlineData("'unterminated", 1)]
    [InlineData("x # y", 3)]
    [InlineData("'bad \\q escape'", 6)]
    [InlineData("9223372036854775808", 1)]
    [InlineData("18446744073709551616u", 1)]
    [InlineData("a.", 3)]
    [InlineData("'line\nbreak'", 6)]
    [InlineData("Msg{a: 1}", 4)]
    [InlineData("has(a)", 1)]
    [InlineData("a.?b", 3)]
    public void Syntax_errors_carry_the_one_based_column(string expression, int column)
    {
        var error = Assert.Throws<ExpressionException>(() => CelProgram.Parse(expression));
        Assert.Equal(column, error.Column);
        Assert.StartsWith("Syntax error:", error.Message);
    }

    [Theory]
    [InlineData("if")]
    [InlineData("while + 1")]
    [InlineData("package.x")]
    [InlineData("1 + var")]
    public void Reserved_words_cannot_be_identifiers(string expression)
    {
        var error = Assert.Throws<ExpressionException>(() => CelProgram.Parse(expression));
        Assert.Contains("reserved identifier", error.Message);
    }

    [Theory]
    [InlineData("((((((((((((((((((((((((((((((((7))))))))))))))))))))))))))))))))", "7")]
    [InlineData("size([[[[[[[[[[[[0]]]]]]]]]]]])", "1")]
    [InlineData("size({0: {0: {0: {0: {0: {0: {0: {0: {0: {0: {0: {0: 'foo'}}}}}}}}}}}})", "1")]
    [InlineData("int(uint(int(uint(int(uint(int(uint(int(uint(int(uint(7))))))))))))", "7")]
    [InlineData("[[[[[[[[[[[['foo']]]]]]]]]]]][0][0][0][0][0][0][0][0][0][0][0][0]", "\"foo\"")]
    [InlineData("3 - 3 + 3 - 3 + 3 - 3 + 3 - 3 + 3 - 3 + 3 - 3 + 3 - 3 + 3 - 3 + 3 - 3 + 3 - 3 + 3 - 3 + 3 - 3 + 3", "3")]
    public void Deep_parse_trees_required_by_the_cel_spec_are_accepted(string expression, string json) =>
        Assert.Equal(json, CelCase.Eval(expression).ToJson()!.ToJsonString());

    [Fact]
    public void Whitespace_and_comments_are_ignored() =>
        CelCase.Yields(" 1\t+\r\n2 // trailing comment", "int", "3");
}
