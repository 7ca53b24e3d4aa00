using RunbookOrchestrator.Expressions;

namespace RunbookOrchestrator.Tests.Expressions;

public class CelBoundsTests
{
    [Fact]
    public void An_expression_longer_than_4096_characters_is_rejected()
    {
        var expression = "'" + new string('a', 4096) + "'";
        var error = Assert.Throws<ExpressionException>(() => CelProgram.Parse(expression));
        Assert.Contains("limit of 4096", error.Message);
    }

    [Fact]
    public void An_expression_of_exactly_4096_characters_is_accepted()
    {
        var expression = "'" + new string('a', 4094) + "'";
        Assert.Equal(4094, ((CelString)CelProgram.Parse(expression).Evaluate(CelActivation.Empty)).Value.Length);
    }

    [Fact]
    public void Nesting_deeper_than_64_is_rejected_with_its_column()
    {
        var expression = new string('(', 70) + "1" + new string(')', 70);
        var error = Assert.Throws<ExpressionException>(() => CelProgram.Parse(expression));
        Assert.Contains("nests deeper than the limit of 64", error.Message);
        Assert.Equal(65, error.Column);
    }

    [Fact]
    public void Evaluation_stops_when_the_step_budget_is_spent()
    {
        var vars = new Dictionary<string, CelValue> { ["xs"] = new CelList(Enumerable.Range(0, 2000).Select(i => (CelValue)new CelInt(i)).ToList()) };
        var program = CelProgram.Parse("xs.map(a, xs.map(b, a + b)).size()");
        var error = Assert.Throws<ExpressionException>(() => program.Evaluate(vars));
        Assert.Contains("budget of 100000 steps", error.Message);
    }

    [Fact]
    public void A_spent_budget_cannot_be_absorbed_by_a_logical_operator()
    {
        var vars = new Dictionary<string, CelValue> { ["xs"] = new CelList(Enumerable.Range(0, 2000).Select(i => (CelValue)new CelInt(i)).ToList()) };
        var program = CelProgram.Parse("xs.all(a, xs.all(b, a + b >= 0)) || true");
        Assert.Throws<ExpressionException>(() => program.Evaluate(vars));
    }

    [Fact]
    public void String_results_are_capped_at_one_mebibyte()
    {
        var vars = new Dictionary<string, CelValue> { ["s"] = new CelString(new string('x', 600_000)) };
        var error = Assert.Throws<ExpressionException>(() => CelProgram.Parse("s + s").Evaluate(vars));
        Assert.Contains("string result exceeds the limit", error.Message);
    }

    [Fact]
    public void A_catastrophically_backtracking_regex_is_stopped_by_the_time_limit()
    {
        var vars = new Dictionary<string, CelValue> { ["s"] = new CelString(new string('a', 64) + "!") };
        var error = Assert.Throws<ExpressionException>(() => CelProgram.Parse("s.matches('^(a+)+$')").Evaluate(vars));
        Assert.Contains("time limit of 100 ms", error.Message);
    }

    [Theory]
    [InlineData("!", "true")]
    [InlineData("1 + ", "1")]
    public void Operator_chains_deeper_than_256_levels_are_rejected_before_evaluation(string repeated, string tail)
    {
        var expression = string.Concat(Enumerable.Repeat(repeated, 300)) + tail;
        var error = Assert.Throws<ExpressionException>(() => CelProgram.Parse(expression));
        Assert.Contains("levels", error.Message);
    }

    [Fact]
    public void Thirty_two_chained_conditions_as_in_the_cel_spec_are_accepted()
    {
        var expression = string.Join(" || ", Enumerable.Repeat("false", 32)) + " || true";
        Assert.True(((CelBool)CelProgram.Parse(expression).Evaluate(CelActivation.Empty)).Value);
    }

    [Fact]
    public void Repeating_a_large_concatenation_in_a_macro_is_stopped_by_the_allocation_limit()
    {
        var vars = new Dictionary<string, CelValue>
        {
            ["s"] = new CelString(new string('x', 500_000)),
            ["xs"] = new CelList(Enumerable.Range(0, 100).Select(i => (CelValue)new CelInt(i)).ToList()),
        };
        var error = Assert.Throws<ExpressionException>(() => CelProgram.Parse("xs.map(i, s + s).size() > 0 || true").Evaluate(vars));
        Assert.Contains("characters, bytes and list elements created", error.Message);
    }

    [Fact]
    public void Identity_conversions_do_not_count_as_allocations()
    {
        var vars = new Dictionary<string, CelValue>
        {
            ["s"] = new CelString(new string('x', 1_000_000)),
            ["xs"] = new CelList(Enumerable.Range(0, 100).Select(i => (CelValue)new CelInt(i)).ToList()),
        };
        Assert.True(((CelBool)CelProgram.Parse("xs.all(i, size(dyn(string(s))) == 1000000)").Evaluate(vars)).Value);
    }
}
