using RunbookOrchestrator.Expressions;

namespace RunbookOrchestrator.Tests.Expressions;

public class CelFunctionTests
{
    [Theory]
    [InlineData("size('')", "0")]
    [InlineData("size('héllo')", "5")]
    [InlineData("'\\U0001F600'.size()", "1")]
    [InlineData("size(b'\\xff\\x00')", "2")]
    [InlineData("[1, 2, 3].size()", "3")]
    [InlineData("size({'a': 1})", "1")]
    public void Size_counts_code_points_bytes_elements_or_entries(string expression, string json) =>
        CelCase.Yields(expression, "int", json);

    [Fact]
    public void Size_of_a_number_has_no_overload() => CelCase.Fails("size(1)", "no such overload");

    [Theory]
    [InlineData("2 in [1, 2, 3]", true)]
    [InlineData("2.0 in [1, 2, 3]", true)]
    [InlineData("4 in [1, 2, 3]", false)]
    [InlineData("'a' in {'a': 1}", true)]
    [InlineData("1 in {'a': 1}", false)]
    [InlineData("1u in {1: 'x'}", true)]
    [InlineData("[1] in [[1], [2]]", true)]
    public void In_tests_list_membership_and_map_keys(string expression, bool expected) =>
        CelCase.Yields(expression, "bool", expected ? "true" : "false");

    [Fact]
    public void In_on_a_string_has_no_overload() => CelCase.Fails("'a' in 'abc'", "no such overload");

    [Theory]
    [InlineData("has(m.a)", true)]
    [InlineData("has(m.n)", true)]
    [InlineData("has(m.b)", false)]
    [InlineData("has(m.a.c)", true)]
    [InlineData("has({'x': 1}.x)", true)]
    public void Has_tests_map_key_presence_even_for_null_values(string expression, bool expected) =>
        CelCase.Yields(expression, "bool", expected ? "true" : "false", """{"m": {"a": {"c": 1}, "n": null}}""");

    [Theory]
    [InlineData("has(m.n.x)", "no such overload")]
    [InlineData("has(m.b.x)", "no such key: b")]
    [InlineData("has(missing.x)", "undeclared reference to 'missing'")]
    public void Has_on_a_non_map_or_missing_parent_is_an_error(string expression, string message) =>
        CelCase.Fails(expression, message, """{"m": {"n": 1}}""");

    [Theory]
    [InlineData("'foobar'.contains('oba')", true)]
    [InlineData("'foobar'.contains('')", true)]
    [InlineData("'foobar'.contains('x')", false)]
    [InlineData("'foobar'.startsWith('foo')", true)]
    [InlineData("'foobar'.startsWith('bar')", false)]
    [InlineData("'foobar'.endsWith('bar')", true)]
    [InlineData("'Foobar'.endsWith('BAR')", false)]
    public void String_tests_are_case_sensitive(string expression, bool expected) =>
        CelCase.Yields(expression, "bool", expected ? "true" : "false");

    [Theory]
    [InlineData("'hubba'.matches('ubb')", true)]
    [InlineData("'hubba'.matches('^ubb')", false)]
    [InlineData("matches('abc', '^a.c$')", true)]
    [InlineData("'abc\\n'.matches('c$')", false)]
    [InlineData("'ab\\ncd'.matches('(?m)b$')", true)]
    [InlineData("'k8s-prod-1'.matches('^[a-z0-9-]+$')", true)]
    [InlineData("'ABC'.matches('(?i)abc')", true)]
    [InlineData("'\\U0001F600'.matches('^.$')", true)]
    [InlineData("'\\U0001F431\\U0001F600\\U0001F600'.matches('(a|\\U0001F600){2}')", true)]
    [InlineData("'\\U0001F600\\U0001F600'.matches('^\\U0001F600+$')", true)]
    [InlineData("'\u0663'.matches('\\\\d')", false)]
    [InlineData("'a1'.matches('^\\\\w[\\\\d]$')", true)]
    [InlineData("'a\\nb'.matches('a.b')", false)]
    [InlineData("'a\\nb'.matches('(?s)a.b')", true)]
    [InlineData("'2024-01-05'.matches('^(?P<year>\\\\d{4})-\\\\d{2}-\\\\d{2}$')", true)]
    [InlineData("'x'.matches('^[[:alpha:]]$')", true)]
    [InlineData("'1'.matches('^[[:alpha:]]$')", false)]
    [InlineData("'1'.matches('^[[:^alpha:]]$')", true)]
    [InlineData("'a_'.matches('^[[:word:][:punct:]]+$')", true)]
    [InlineData("'b'.matches('^[a-z-[b]]$')", false)]
    [InlineData("'b]'.matches('^[a-z-[b]]$')", true)]
    [InlineData("'caf\u00e9s'.matches('caf\\\\b')", true)]
    [InlineData("'a b'.matches('a\\\\b b')", true)]
    [InlineData("'ab'.matches('a\\\\Bb')", true)]
    [InlineData("'\U0001F600'.matches('^[^a]$')", true)]
    [InlineData("'\U0001F600'.matches('^\\\\D$')", true)]
    [InlineData("'a'.matches('\\\\pL')", true)]
    [InlineData("'aaa'.matches('^a{1,1000}$')", true)]
    [InlineData("'a{1001}'.matches('a{1001')", true)]
    [InlineData("'-'.matches('^[^a-]$')", false)]
    [InlineData("'b'.matches('^[^a-]$')", true)]
    [InlineData("'-'.matches('^[^-a]$')", false)]
    [InlineData("'\U0001F600'.matches('^[^a-]$')", true)]
    [InlineData("'A'.matches('^\\\\x{41}$')", true)]
    [InlineData("'\U0001F600'.matches('^\\\\x{1F600}$')", true)]
    [InlineData("'a.b'.matches('^a\\\\Q.\\\\Eb$')", true)]
    [InlineData("'axb'.matches('^a\\\\Q.\\\\Eb$')", false)]
    public void Matches_searches_with_re2_semantics(string expression, bool expected) =>
        CelCase.Yields(expression, "bool", expected ? "true" : "false");

    [Theory]
    [InlineData("'aa'.matches('(a)\\\\1')", "backreference")]
    [InlineData("'ab'.matches('a(?=b)')", "lookaround")]
    [InlineData("'ab'.matches('(?<!a)b')", "lookaround")]
    [InlineData("'ab'.matches('(?>a)b')", "atomic group")]
    [InlineData("'ab'.matches('a++')", "possessive")]
    [InlineData("'ab'.matches('(')", "invalid regex")]
    [InlineData("'a'.matches('(?x)a ')", "the flag x")]
    [InlineData("'a'.matches('a{1001}')", "repetition count above 1000")]
    [InlineData("'a'.matches('a{2,1001}')", "repetition count above 1000")]
    [InlineData("'aa'.matches('(?U)a+')", "the flag U")]
    [InlineData("'\U0001F600'.matches('[\U0001F600]')", "outside the Basic Multilingual Plane")]
    public void Regex_constructs_re2_lacks_are_rejected(string expression, string message) => CelCase.Fails(expression, message);

    [Theory]
    [InlineData("1.contains('a')")]
    [InlineData("'a'.startsWith(1)")]
    [InlineData("size('a', 'b')")]
    public void Calls_without_a_matching_overload_are_errors(string expression) => CelCase.Fails(expression, "no such overload");

    [Theory]
    [InlineData("'a'.nosuch()", "unknown function: nosuch()")]
    [InlineData("nosuch(1)", "unknown function: nosuch()")]
    [InlineData("'a'.lowerAscii()", "unknown function: lowerAscii()")]
    [InlineData("timestamp('2024-01-01T00:00:00Z')", "timestamps and durations are not supported: timestamp()")]
    [InlineData("duration('1s')", "timestamps and durations are not supported: duration()")]
    [InlineData("'2024'.getFullYear()", "timestamps and durations are not supported: getFullYear()")]
    public void Unknown_and_unsupported_functions_are_named_in_the_error(string expression, string message) =>
        CelCase.Fails(expression, message);

    [Theory]
    [InlineData("f_unknown(17) || true")]
    [InlineData("false && timestamp('x') > 1")]
    public void Unknown_function_errors_are_absorbed_like_other_errors(string expression) =>
        Assert.IsType<CelBool>(CelCase.Eval(expression));

    [Theory]
    [InlineData("x.a.b", "int", "1")]
    [InlineData("x['a']['b']", "int", "1")]
    [InlineData("x.list[1]", "string", "\"q\"")]
    [InlineData("x.list[1u]", "string", "\"q\"")]
    [InlineData("x.list[1.0]", "string", "\"q\"")]
    [InlineData("{1: 'one'}[1.0]", "string", "\"one\"")]
    [InlineData("{true: 't'}[true]", "string", "\"t\"")]
    [InlineData("x.n", "double", "1.5")]
    public void Selection_and_indexing_reach_into_maps_and_lists(string expression, string type, string json) =>
        CelCase.Yields(expression, type, json, """{"x": {"a": {"b": 1}, "list": ["p", "q"], "n": 1.5}}""");

    [Theory]
    [InlineData("x.missing", "no such key: missing")]
    [InlineData("x['missing']", "no such key: missing")]
    [InlineData("{1: 'one'}[1.5]", "no such key")]
    [InlineData("x.list[2]", "index out of range: 2")]
    [InlineData("x.list[-1]", "index out of range: -1")]
    [InlineData("x.list['a']", "no such overload")]
    [InlineData("x.list[0.5]", "invalid_argument")]
    [InlineData("x.list[2.0]", "index out of range: 2")]
    [InlineData("x.a.b.c", "type 'int' does not support field selection")]
    [InlineData("y", "undeclared reference to 'y'")]
    [InlineData("{'a': 1, 'a': 2}", "repeated key")]
    [InlineData("{1.5: 'x'}", "unsupported key type")]
    public void Missing_keys_bad_indexes_and_unknown_names_are_errors(string expression, string message) =>
        CelCase.Fails(expression, message, """{"x": {"a": {"b": 1}, "list": ["p", "q"]}}""");

    [Theory]
    [InlineData("a.b.c", """{"a.b.c": "yeah"}""", "yeah")]
    [InlineData("a.b.c", """{"a.b": {"c": "yeah"}}""", "yeah")]
    [InlineData("a.b.c", """{"a.b.c": "yeah", "a.b": {"c": "oops"}}""", "yeah")]
    [InlineData("a.b.c", """{"a": {"b": {"c": "yeah"}}, "a.b": {"c": "longer prefix"}}""", "longer prefix")]
    [InlineData("(a.b).c", """{"a.b": {"c": "yeah"}}""", "yeah")]
    [InlineData("[1].exists(a, a == 1) ? a.b.c : 'x'", """{"a.b.c": "yeah"}""", "yeah")]
    public void Dotted_variable_names_resolve_by_longest_prefix(string expression, string vars, string expected) =>
        Assert.Equal(expected, Assert.IsType<CelString>(CelCase.Eval(expression, vars)).Value);

    [Fact]
    public void A_macro_variable_shadows_dotted_variable_names() =>
        CelCase.Fails("[{'b': {}}].all(a, a.b.c == 1)", "no such key: c", """{"a.b.c": 1}""");
}
