namespace RunbookOrchestrator.Tests.Expressions;

public class CelMacroTests
{
    [Theory]
    [InlineData("[1, 2, 3].all(x, x > 0)", "bool", "true")]
    [InlineData("[1, 2, 3].all(x, x > 1)", "bool", "false")]
    [InlineData("[].all(x, x > 1)", "bool", "true")]
    [InlineData("[1, 2, 3].exists(x, x == 2)", "bool", "true")]
    [InlineData("[].exists(x, true)", "bool", "false")]
    [InlineData("[1, 2, 3].exists_one(x, x > 2)", "bool", "true")]
    [InlineData("[1, 2, 3].exists_one(x, x > 1)", "bool", "false")]
    [InlineData("[1, 2, 3].map(x, x * 2)", "list", "[2, 4, 6]")]
    [InlineData("[1, 2, 3].map(x, x > 1, x * 10)", "list", "[20, 30]")]
    [InlineData("[1, 2, 3].filter(x, x % 2 == 1)", "list", "[1, 3]")]
    [InlineData("{'a': 1, 'b': 2}.all(k, k.size() == 1)", "bool", "true")]
    [InlineData("{'a': 1, 'b': 2}.map(k, k + '!')", "list", "[\"a!\", \"b!\"]")]
    [InlineData("{'a': 1, 'b': 2}.filter(k, k == 'b')", "list", "[\"b\"]")]
    [InlineData("[[1, 2], [3]].map(l, l.map(x, x + 1))", "list", "[[2, 3], [4]]")]
    [InlineData("[1, 2].exists(inputs, inputs == 2)", "bool", "true")]
    public void Comprehension_macros_iterate_lists_and_map_keys(string expression, string type, string json) =>
        CelCase.Yields(expression, type, json, """{"inputs": {"n": 1}}""");

    [Theory]
    [InlineData("[0, 1].exists(x, 1 / x == 1)", "true")]
    [InlineData("[0, 1].all(x, 1 / x == 0)", "false")]
    public void All_and_exists_let_a_decisive_element_absorb_errors_from_others(string expression, string json) =>
        CelCase.Yields(expression, "bool", json);

    [Theory]
    [InlineData("[0, 1].all(x, 1 / x == 1)", "division by zero")]
    [InlineData("[0, 1].exists_one(x, 1 / x == 1)", "division by zero")]
    [InlineData("[0].map(x, 1 / x)", "division by zero")]
    [InlineData("[1].filter(x, x)", "no such overload")]
    [InlineData("1.all(x, true)", "no such overload")]
    public void Macro_errors_propagate_when_nothing_decides(string expression, string message) => CelCase.Fails(expression, message);

    [Fact]
    public void Macro_variable_must_be_a_simple_name()
    {
        var error = Assert.Throws<RunbookOrchestrator.Expressions.ExpressionException>(() => CelCase.Eval("[1].all(x.y, true)"));
        Assert.Equal(10, error.Column);
        Assert.Contains("simple name", error.Message);
    }

    [Fact]
    public void Macro_variable_is_not_visible_after_the_macro() =>
        CelCase.Fails("[1].all(x, true) && x", "undeclared reference to 'x'");
}
