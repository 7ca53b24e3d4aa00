namespace RunbookOrchestrator.Tests.Definitions;

public class ExpressionValidationTests
{
    [Fact]
    public void Bad_cel_in_when_is_reported_at_the_column_inside_the_file()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            steps:
              - id: say
                uses: notify
                when: "inputs.x == "
                with: { message: hi }
            """, "expression-syntax");

        // Content starts at column 12 after the quote; CEL reports the missing operand at its column 13 (end of text).
        Assert.Equal((6, 24), (error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void Bad_cel_in_an_expression_parameter_is_reported_at_that_parameter()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            steps:
              - id: decide
                uses: branch
                with:
                  condition: "1 +* 2"
                next: { "true": end, "false": end }
            """, "expression-syntax");

        Assert.Equal(7, error.Location.Line);
        Assert.Equal("decide", error.StepId);
    }

    [Fact]
    public void Cel_reading_an_undeclared_input_is_reported()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            inputs:
              format: { type: string }
            steps:
              - id: say
                uses: notify
                when: "inputs.fromat != 'none'"
                with: { message: hi }
            """, "unknown-input");

        Assert.Equal((8, 12), (error.Location.Line, error.Location.Column));
        Assert.Contains("did you mean 'format'", error.Message);
    }

    [Fact]
    public void Cel_reading_a_hyphenated_step_that_does_not_exist_is_reported()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            steps:
              - id: fetch-data
                uses: notify
                with: { message: hi }
              - id: decide
                uses: branch
                with: { condition: "steps['fetch-dta'].outcome == 'done'" }
                next: { "true": end, "false": end }
            """, "unknown-step-reference");

        Assert.Equal(9, error.Location.Line);
    }

    [Fact]
    public void Switch_cases_are_checked_as_expressions()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            inputs:
              size: { type: int }
            steps:
              - id: route
                uses: switch
                with:
                  cases:
                    small: "inputs.size < 10"
                    large: "inputs.size >= "
                next: { small: end, large: end, default: end }
            """, "expression-syntax");

        Assert.Equal(11, error.Location.Line);
    }

    [Fact]
    public void Valid_cel_in_when_and_conditions_gives_no_errors()
    {
        var errors = Runbooks.Errors("""
            id: r
            version: 1
            inputs:
              format: { type: string, default: csv }
            steps:
              - id: decide
                uses: branch
                when: "has(inputs.format) && requester.kind == 'agent'"
                with: { condition: "inputs.format in ['csv', 'jsonl'] && run.id != ''" }
                next: { "true": say, "false": end }
              - id: say
                uses: notify
                with: { message: hi }
            """);

        Assert.Empty(errors);
    }
}
