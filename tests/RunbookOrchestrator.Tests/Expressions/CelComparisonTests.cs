namespace RunbookOrchestrator.Tests.Expressions;

public class CelComparisonTests
{
    [Theory]
    [InlineData("1 == 1")]
    [InlineData("1 == 1.0")]
    [InlineData("1u == 1")]
    [InlineData("1u == 1.0")]
    [InlineData("-0.0 == 0.0")]
    [InlineData("1 < 2.5")]
    [InlineData("2u > 1")]
    [InlineData("-1 < 0u")]
    [InlineData("9223372036854775807 < 9223372036854775808u")]
    [InlineData("9223372036854775807 < 9.3e18")]
    [InlineData("1 <= 1.0")]
    [InlineData("1.5 >= 1")]
    [InlineData("'a' < 'b'")]
    [InlineData("'abc' > 'ab'")]
    [InlineData("'\\uffff' < '\\U0001F600'")]
    [InlineData("b'a' < b'\\xff'")]
    [InlineData("false < true")]
    [InlineData("'abc' == 'abc'")]
    [InlineData("b'abc' == bytes('abc')")]
    [InlineData("null == null")]
    [InlineData("[1, 2] == [1.0, 2u]")]
    [InlineData("{'a': 1, 'b': [2]} == {'b': [2.0], 'a': 1u}")]
    [InlineData("{1: 'x'} == {1u: 'x'}")]
    [InlineData("type(1) == int")]
    [InlineData("1 != 'a'")]
    [InlineData("[1] != [1, 2]")]
    [InlineData("{'a': 1} != {'a': 2}")]
    [InlineData("null != 0")]
    [InlineData("0.0 / 0.0 != 0.0 / 0.0")]
    [InlineData("!(0.0 / 0.0 < 1.0) && !(0.0 / 0.0 >= 1.0)")]
    public void Comparisons_that_hold(string expression) => CelCase.Yields(expression, "bool", "true");

    [Theory]
    [InlineData("1 == 2")]
    [InlineData("1 == 1.5")]
    [InlineData("1 == '1'")]
    [InlineData("1 == true")]
    [InlineData("null == false")]
    [InlineData("[1] == ['1']")]
    [InlineData("0.0 / 0.0 == 0.0 / 0.0")]
    [InlineData("type(1) == type(1u)")]
    public void Equality_across_different_kinds_is_false_not_an_error(string expression) =>
        CelCase.Yields(expression, "bool", "false");

    [Theory]
    [InlineData("1 < 'a'")]
    [InlineData("[1] < [2]")]
    [InlineData("{} < {}")]
    [InlineData("null < null")]
    [InlineData("true < 1")]
    public void Ordering_without_an_overload_is_an_error(string expression) => CelCase.Fails(expression, "no such overload");
}
