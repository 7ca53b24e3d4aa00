using RunbookOrchestrator.Expressions;

namespace RunbookOrchestrator.Tests.Expressions;

public class CelReferencedPathsTests
{
    private readonly CelExpressionEvaluator _evaluator = new();

    [Fact]
    public void Select_chains_and_constant_string_indexes_become_dotted_paths() =>
        Assert.Equal(
            ["inputs.customer_id", "steps.fetch-data.output.n"],
            _evaluator.ReferencedPaths("inputs.customer_id == steps['fetch-data'].output.n"));

    [Fact]
    public void A_dynamic_index_ends_the_path_and_its_own_references_are_reported() =>
        Assert.Equal(["steps", "inputs.step"], _evaluator.ReferencedPaths("steps[inputs.step].output"));

    [Fact]
    public void A_numeric_index_ends_the_path() =>
        Assert.Equal(["inputs.items"], _evaluator.ReferencedPaths("inputs.items[0].name == 'x'"));

    [Fact]
    public void Has_and_method_targets_report_their_paths_once() =>
        Assert.Equal(
            ["inputs.format", "requester.name"],
            _evaluator.ReferencedPaths("has(inputs.format) && inputs.format.startsWith('c') && requester.name.size() > 0 && inputs.format != ''"));

    [Fact]
    public void Macro_variables_and_type_names_are_not_variable_references() =>
        Assert.Equal(
            ["inputs.tags", "run.id"],
            _evaluator.ReferencedPaths("inputs.tags.exists(t, t.name == run.id) && type(1) == int"));

    [Fact]
    public void Referenced_paths_of_invalid_syntax_throw_with_the_column()
    {
        var error = Assert.Throws<ExpressionException>(() => _evaluator.ReferencedPaths("inputs.x +"));
        Assert.Equal(11, error.Column);
    }

    [Fact]
    public void A_leading_dot_names_the_variable_even_inside_a_macro_with_the_same_variable_name() =>
        Assert.Equal(["inputs.items", "x.limit"], _evaluator.ReferencedPaths("inputs.items.all(x, x < .x.limit)"));
}
