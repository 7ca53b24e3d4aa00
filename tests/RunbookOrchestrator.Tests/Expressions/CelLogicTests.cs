namespace RunbookOrchestrator.Tests.Expressions;

public class CelLogicTests
{
    [Theory]
    [InlineData("true && true", true)]
    [InlineData("true && false", false)]
    [InlineData("false || true", true)]
    [InlineData("false || false", false)]
    [InlineData("!true", false)]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!true", true)]
    [InlineData("true || false && false", true)]
    [InlineData("!false && 1 < 2", true)]
    public void Logical_operators_combine_bools_with_cel_precedence(string expression, bool expected) =>
        CelCase.Yields(expression, "bool", expected ? "true" : "false");

    [Theory]
    [InlineData("false && (1 / 0 > 0)", "false")]
    [InlineData("(1 / 0 > 0) && false", "false")]
    [InlineData("true || (1 / 0 > 0)", "true")]
    [InlineData("(1 / 0 > 0) || true", "true")]
    [InlineData("false && 32", "false")]
    [InlineData("'horses' && false", "false")]
    [InlineData("true || 32", "true")]
    [InlineData("'horses' || true", "true")]
    [InlineData("missing || true", "true")]
    [InlineData("false && missing.field", "false")]
    public void A_decisive_operand_absorbs_errors_and_wrong_types_on_either_side(string expression, string json) =>
        CelCase.Yields(expression, "bool", json);

    [Theory]
    [InlineData("true && 1 / 0 != 0", "division by zero")]
    [InlineData("1 / 0 != 0 || false", "division by zero")]
    [InlineData("'less filling' && 'tastes great'", "no such overload")]
    [InlineData("true && 'x'", "no such overload")]
    [InlineData("!1", "no such overload")]
    public void Logical_operators_report_errors_when_no_operand_decides(string expression, string message) =>
        CelCase.Fails(expression, message);

    [Theory]
    [InlineData("true ? 1 : 2", "int", "1")]
    [InlineData("false ? 'foo' : 'bar'", "string", "\"bar\"")]
    [InlineData("true ? 'cows' : 17", "string", "\"cows\"")]
    [InlineData("false ? 1 / 0 : 3", "int", "3")]
    [InlineData("true ? true : false ? 1 : 2", "bool", "true")]
    [InlineData("false ? 1 : false ? 2 : 3", "int", "3")]
    public void The_conditional_evaluates_only_the_chosen_branch(string expression, string type, string json) =>
        CelCase.Yields(expression, type, json);

    [Theory]
    [InlineData("'cows' ? false : 17", "no such overload")]
    [InlineData("2 / 0 > 4 ? 'baz' : 'quux'", "division by zero")]
    public void The_conditional_needs_a_bool_condition(string expression, string message) => CelCase.Fails(expression, message);
}
