namespace RunbookOrchestrator.Tests.Expressions;

public class CelArithmeticTests
{
    [Theory]
    [InlineData("42 + 2", "int", "44")]
    [InlineData("42 - (-2)", "int", "44")]
    [InlineData("-42 * (-2)", "int", "84")]
    [InlineData("-42 / 2", "int", "-21")]
    [InlineData("7 / 2", "int", "3")]
    [InlineData("42 % (-5)", "int", "2")]
    [InlineData("-42 % 5", "int", "-2")]
    [InlineData("2 + 3 * 4 - 10 / 5 % 3", "int", "12")]
    [InlineData("(2 + 3) * 4", "int", "20")]
    [InlineData("-(-42)", "int", "42")]
    [InlineData("--------------------------------19", "int", "19")]
    [InlineData("42u + 2u", "uint", "44")]
    [InlineData("42u - 2u", "uint", "40")]
    [InlineData("42u * 2u", "uint", "84")]
    [InlineData("43u / 2u", "uint", "21")]
    [InlineData("42u % 5u", "uint", "2")]
    [InlineData("1.5 + 2.25", "double", "3.75")]
    [InlineData("1.0 - 3.0", "double", "-2")]
    [InlineData("1.5 * 4.0", "double", "6")]
    [InlineData("1.0 / 4.0", "double", "0.25")]
    [InlineData("1.0 / 0.0", "double", "\"Infinity\"")]
    [InlineData("-1.0 / 0.0", "double", "\"-Infinity\"")]
    [InlineData("0.0 / 0.0", "double", "\"NaN\"")]
    [InlineData("-(1.5)", "double", "-1.5")]
    [InlineData("'ab' + 'cd'", "string", "\"abcd\"")]
    [InlineData("b'ab' + b'cd'", "bytes", "\"YWJjZA==\"")]
    [InlineData("[1] + [2, 3]", "list", "[1, 2, 3]")]
    public void Arithmetic_follows_cel_rules_per_type(string expression, string type, string json) =>
        CelCase.Yields(expression, type, json);

    [Theory]
    [InlineData("9223372036854775807 + 1")]
    [InlineData("-9223372036854775808 - 1")]
    [InlineData("9223372036854775807 * 2")]
    [InlineData("-9223372036854775808 / -1")]
    [InlineData("-9223372036854775808 % -1")]
    [InlineData("-(-9223372036854775808)")]
    public void Int64_overflow_is_an_error(string expression) => CelCase.Fails(expression, "integer overflow");

    [Theory]
    [InlineData("0u - 1u")]
    [InlineData("18446744073709551615u + 1u")]
    [InlineData("9223372036854775808u * 2u")]
    public void Uint64_overflow_and_underflow_are_errors(string expression) => CelCase.Fails(expression, "unsigned integer overflow");

    [Theory]
    [InlineData("15 / 0", "division by zero")]
    [InlineData("15u / 0u", "division by zero")]
    [InlineData("42 % 0", "modulus by zero")]
    [InlineData("42u % 0u", "modulus by zero")]
    public void Integer_division_or_modulus_by_zero_is_an_error(string expression, string message) => CelCase.Fails(expression, message);

    [Theory]
    [InlineData("1 + 1.0")]
    [InlineData("1 + 1u")]
    [InlineData("2.0 * 3")]
    [InlineData("5.0 % 2.0")]
    [InlineData("-(5u)")]
    [InlineData("'a' + 1")]
    [InlineData("[1] + 1")]
    [InlineData("{} + {}")]
    [InlineData("true + true")]
    [InlineData("null + null")]
    public void Mixing_types_in_arithmetic_has_no_overload(string expression) => CelCase.Fails(expression, "no such overload");
}
