namespace RunbookOrchestrator.Tests.Expressions;

public class CelConversionTests
{
    [Theory]
    [InlineData("int(42u)", "int", "42")]
    [InlineData("int(1.9)", "int", "1")]
    [InlineData("int(-7.9)", "int", "-7")]
    [InlineData("int('987')", "int", "987")]
    [InlineData("int('-12')", "int", "-12")]
    [InlineData("int(5)", "int", "5")]
    [InlineData("uint(1729)", "uint", "1729")]
    [InlineData("uint(25.5)", "uint", "25")]
    [InlineData("uint(1e19)", "uint", "10000000000000000000")]
    [InlineData("uint('300')", "uint", "300")]
    [InlineData("double(1000000000000)", "double", "1000000000000")]
    [InlineData("double(123u)", "double", "123")]
    [InlineData("double('-84.32e7')", "double", "-843200000")]
    [InlineData("double('0.5')", "double", "0.5")]
    [InlineData("double('-Infinity')", "double", "\"-Infinity\"")]
    [InlineData("double('nan')", "double", "\"NaN\"")]
    [InlineData("string(123)", "string", "\"123\"")]
    [InlineData("string(-456)", "string", "\"-456\"")]
    [InlineData("string(9876u)", "string", "\"9876\"")]
    [InlineData("string(123.456)", "string", "\"123.456\"")]
    [InlineData("string(-4.5e-3)", "string", "\"-0.0045\"")]
    [InlineData("string(1.0)", "string", "\"1\"")]
    [InlineData("string(1e6)", "string", "\"1e+06\"")]
    [InlineData("string(1.5e-7)", "string", "\"1.5e-07\"")]
    [InlineData("string(true)", "string", "\"true\"")]
    [InlineData("string(b'\\303\\277')", "string", "\"ÿ\"")]
    [InlineData("string('s')", "string", "\"s\"")]
    [InlineData("bytes('ÿ')", "bytes", "\"w78=\"")]
    [InlineData("bool('true')", "bool", "true")]
    [InlineData("bool('f')", "bool", "false")]
    [InlineData("bool('TRUE')", "bool", "true")]
    [InlineData("dyn([1, 'one']).size()", "int", "2")]
    public void Conversions_follow_cel_semantics(string expression, string type, string json) =>
        CelCase.Yields(expression, type, json);

    [Theory]
    [InlineData("int(18446744073709551615u)", "range error")]
    [InlineData("int(1e99)", "range error")]
    [InlineData("int(-9223372036854775808.0)", "range error")]
    [InlineData("int(0.0 / 0.0)", "range error")]
    [InlineData("uint(-1)", "range error")]
    [InlineData("uint(-0.5)", "range error")]
    [InlineData("uint(6.022e23)", "range error")]
    [InlineData("int('abc')", "cannot convert string to int")]
    [InlineData("int('1.5')", "cannot convert string to int")]
    [InlineData("int(' 1')", "cannot convert string to int")]
    [InlineData("uint('-1')", "cannot convert string to uint")]
    [InlineData("double('x1')", "cannot convert string to double")]
    [InlineData("double('1e400')", "cannot convert string to double")]
    [InlineData("bool('yes')", "cannot convert string to bool")]
    [InlineData("string(b'\\000\\xff')", "invalid UTF-8")]
    [InlineData("int(null)", "no such overload")]
    [InlineData("string([1])", "no such overload")]
    [InlineData("double(true)", "no such overload")]
    public void Conversions_out_of_range_or_from_bad_text_are_errors(string expression, string message) =>
        CelCase.Fails(expression, message);

    [Theory]
    [InlineData("type(true)", "bool")]
    [InlineData("type(0)", "int")]
    [InlineData("type(64u)", "uint")]
    [InlineData("type(3.14)", "double")]
    [InlineData("type(null)", "null_type")]
    [InlineData("type('foo')", "string")]
    [InlineData("type(b'\\xff')", "bytes")]
    [InlineData("type([1])", "list")]
    [InlineData("type({4: 16})", "map")]
    [InlineData("type(int)", "type")]
    [InlineData("type(type(7))", "type")]
    [InlineData("string", "string")]
    [InlineData("null_type", "null_type")]
    public void Type_returns_type_values_named_like_the_cel_types(string expression, string name) =>
        CelCase.Yields(expression, "type", $"\"{name}\"");

    [Fact]
    public void Dyn_is_a_function_not_a_type_name() => CelCase.Fails("dyn", "undeclared reference to 'dyn'");

    [Fact]
    public void A_variable_shadows_a_type_name() => CelCase.Yields("int + 1", "int", "3", """{"int": 2}""");
}
