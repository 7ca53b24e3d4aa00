using RunbookOrchestrator.Definitions;

namespace RunbookOrchestrator.Tests.Definitions;

public class RunbookValidatorTests
{
    [Fact]
    public void A_well_formed_runbook_has_no_errors()
    {
        var errors = Runbooks.Errors("""
            id: export-customer-data
            version: 3
            owners: [data-owners]
            inputs:
              customer_id: { type: string, required: true, classification: pii }
              format: { type: string, default: csv }
            steps:
              - id: fetch
                uses: sql.query
                privileged: data-export
                with:
                  connection: crm
                  query: "SELECT id FROM customers WHERE id = @id"
                  parameters: { id: "{{ inputs.customer_id }}" }
                retry: { max_attempts: 3, initial_delay: 1s }
                timeout: 30s
                next: { done: notify, failed: cleanup }
              - id: notify
                uses: notify
                with: { message: "exported {{ steps.fetch.output.count }} rows as {{ inputs.format }}" }
                next: { done: end }
              - id: cleanup
                uses: fail
                with: { message: export failed }
            """);

        Assert.Empty(errors);
    }

    [Fact]
    public void Unknown_activity_is_reported_with_file_line_and_a_suggestion()
    {
        var error = Runbooks.Single("""
            id: export
            version: 1
            steps:
              - id: fetch
                uses: sql.qurey
                with: { connection: crm, query: "SELECT 1" }
            """, "unknown-activity");

        Assert.Equal("runbooks/test.yaml:5:11: step 'fetch': unknown activity 'sql.qurey' (did you mean 'sql.query'?)", error.ToString());
    }

    [Fact]
    public void Next_pointing_to_a_missing_step_is_reported_at_the_target()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            steps:
              - id: a
                uses: notify
                with: { message: hi }
                next: { done: cleanup }
            """, "missing-next-target");

        Assert.Equal((7, 19), (error.Location.Line, error.Location.Column));
        Assert.Equal("a", error.StepId);
    }

    [Fact]
    public void Next_to_end_is_allowed()
    {
        var errors = Runbooks.Errors("""
            id: r
            version: 1
            steps:
              - id: a
                uses: notify
                with: { message: hi }
                next: { done: end }
            """);

        Assert.Empty(errors);
    }

    [Fact]
    public void A_step_nothing_leads_to_is_unreachable()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            steps:
              - id: a
                uses: notify
                with: { message: hi }
                next: { done: end }
              - id: orphan
                uses: notify
                with: { message: never }
            """, "unreachable-step");

        Assert.Equal(8, error.Location.Line);
        Assert.Equal("orphan", error.StepId);
    }

    [Fact]
    public void Steps_named_in_parallel_branches_and_outcomes_are_reachable()
    {
        var errors = Runbooks.Errors("""
            id: r
            version: 1
            steps:
              - id: fan
                uses: parallel
                with: { branches: [left, right] }
                next: { done: decide }
              - id: decide
                uses: branch
                with: { condition: "true" }
                next: { "true": join, "false": end }
              - id: left
                uses: notify
                with: { message: l }
                next: { done: end }
              - id: right
                uses: notify
                with: { message: r }
                next: { done: end }
              - id: join
                uses: join
            """);

        Assert.Empty(errors);
    }

    [Fact]
    public void An_empty_required_parameter_is_reported_at_its_value()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            steps:
              - id: say
                uses: notify
                with:
                  message: ""
            """, "missing-parameter");

        Assert.Equal(("say", 7), (error.StepId, error.Location.Line));
        Assert.Contains("is empty", error.Message);
    }

    [Fact]
    public void An_approved_gate_falls_through_to_the_next_step_as_the_engine_runs_it()
    {
        var errors = Runbooks.Errors("""
            id: r
            version: 1
            owners: [data-owners]
            steps:
              - id: ask
                uses: approval
              - id: after
                uses: notify
                with: { message: approved }
            """);

        Assert.Empty(errors);
    }

    [Fact]
    public void A_gate_whose_approval_is_routed_elsewhere_does_not_fall_through()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            owners: [data-owners]
            steps:
              - id: ask
                uses: approval
                next: { approved: end }
              - id: orphan
                uses: notify
                with: { message: never }
            """, "unreachable-step");

        Assert.Equal("orphan", error.StepId);
    }

    [Fact]
    public void A_conditional_step_falls_through_to_the_next_step_when_skipped()
    {
        var errors = Runbooks.Errors("""
            id: r
            version: 1
            steps:
              - id: maybe
                uses: notify
                when: "requester.kind == 'human'"
                with: { message: hi }
                next: { done: end }
              - id: after
                uses: notify
                with: { message: then }
            """);

        Assert.Empty(errors);
    }

    [Fact]
    public void A_step_after_one_that_can_only_fail_is_unreachable()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            steps:
              - id: stop
                uses: fail
                with: { message: no }
              - id: after
                uses: notify
                with: { message: never }
            """, "unreachable-step");

        Assert.Equal("after", error.StepId);
    }

    [Fact]
    public void Parallel_branch_naming_a_missing_step_is_reported_at_the_list_item()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            steps:
              - id: fan
                uses: parallel
                with:
                  branches: [left, rigth]
              - id: left
                uses: notify
                with: { message: l }
            """, "missing-branch-target");

        Assert.Equal((7, 24), (error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void Duplicate_step_id_is_reported_at_the_second_step()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            steps:
              - id: a
                uses: notify
                with: { message: one }
              - id: a
                uses: notify
                with: { message: two }
            """, "duplicate-step-id");

        Assert.Equal(7, error.Location.Line);
    }

    [Fact]
    public void Missing_required_parameter_is_reported_at_the_step()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            steps:
              - id: fetch
                uses: sql.query
                with: { connection: crm }
            """, "missing-parameter");

        Assert.Equal(4, error.Location.Line);
        Assert.Contains("'query'", error.Message);
    }

    [Fact]
    public void Unknown_parameter_is_reported_at_its_value_with_a_suggestion()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            steps:
              - id: fetch
                uses: sql.query
                with:
                  connection: crm
                  query: SELECT 1
                  max_rowz: 10
            """, "unknown-parameter");

        Assert.Equal((9, 17), (error.Location.Line, error.Location.Column));
        Assert.Contains("did you mean 'max_rows'", error.Message);
    }

    [Fact]
    public void Template_syntax_error_points_at_the_column_inside_the_file()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            steps:
              - id: say
                uses: notify
                with:
                  message: "hello {{ inputs.name"
            """, "template-syntax");

        // The string starts after the quote at column 17; '{{' is its 7th character.
        Assert.Equal((7, 23), (error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void Template_loop_past_the_limit_points_at_the_range_inside_a_block_scalar()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            steps:
              - id: say
                uses: notify
                with:
                  message: |
                    header
                    {{ for i in 0..50000 }}x{{ end }}
            """, "template-syntax");

        // Line 9 of the file; the range starts at the 13th character of the text line, which is indented by 8: column 21.
        Assert.Equal((9, 21), (error.Location.Line, error.Location.Column));
        Assert.Contains("the limit is 10,000 iterations", error.Message);
    }

    [Fact]
    public void Template_that_includes_a_file_is_refused()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            steps:
              - id: say
                uses: notify
                with: { message: "{{ include '/etc/passwd' }}" }
            """, "template-syntax");

        Assert.Contains("cannot read files", error.Message);
    }

    [Fact]
    public void Template_reading_a_hyphenated_step_with_a_dot_is_told_to_use_an_index()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            steps:
              - id: fetch-data
                uses: notify
                with: { message: x }
              - id: say
                uses: notify
                with:
                  message: "{{ steps.fetch-data.output.count }}"
            """, "template-syntax");

        Assert.Equal(10, error.Location.Line);
        Assert.Contains("steps[\"fetch-data\"]", error.Message);
    }

    [Fact]
    public void Template_reading_an_undeclared_input_is_reported()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            inputs:
              customer_id: { type: string }
            steps:
              - id: say
                uses: notify
                with:
                  message: "id {{ inputs.customer }}"
            """, "unknown-input");

        Assert.Equal((9, 23), (error.Location.Line, error.Location.Column));
        Assert.Contains("did you mean 'customer_id'", error.Message);
    }

    [Fact]
    public void Template_reading_a_step_that_does_not_exist_is_reported()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            steps:
              - id: fetch-data
                uses: notify
                with: { message: x }
              - id: say
                uses: notify
                with:
                  message: "{{ steps.fetch_data.output.count }}"
            """, "unknown-step-reference");

        Assert.Equal(10, error.Location.Line);
        Assert.Contains("did you mean 'fetch-data'", error.Message);
    }

    [Fact]
    public void Template_reading_a_variable_outside_the_scope_is_reported()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            steps:
              - id: say
                uses: notify
                with: { message: "{{ input.name }}" }
            """, "unknown-variable");

        Assert.Equal(6, error.Location.Line);
        Assert.Contains("did you mean 'inputs'", error.Message);
    }

    [Fact]
    public void Unknown_input_type_is_reported_at_the_input()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            inputs:
              count: { type: integer }
            steps:
              - id: say
                uses: notify
                with: { message: hi }
            """, "invalid-input-type");

        Assert.Equal((4, 3), (error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void Default_value_of_the_wrong_type_is_reported()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            inputs:
              limit: { type: int, default: many }
            steps:
              - id: say
                uses: notify
                with: { message: hi }
            """, "invalid-default");

        Assert.Equal(4, error.Location.Line);
    }

    [Fact]
    public void Default_of_a_pii_input_is_not_echoed_in_the_error()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            inputs:
              email: { type: int, default: "jane@example.com", classification: pii }
            steps:
              - id: say
                uses: notify
                with: { message: hi }
            """, "invalid-default");

        Assert.DoesNotContain("jane@example.com", error.Message);
    }

    [Fact]
    public void Unknown_classification_is_reported_at_its_value()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            inputs:
              email: { type: string, classification: personal }
            steps:
              - id: say
                uses: notify
                with: { message: hi }
            """, "invalid-classification");

        Assert.Equal((4, 42), (error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void Invalid_duration_is_reported_at_its_value()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            steps:
              - id: say
                uses: notify
                with: { message: hi }
                timeout: 5 minutes
            """, "invalid-duration");

        Assert.Equal((7, 14), (error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void Missing_uses_is_reported_at_the_step()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            steps:
              - id: say
                with: { message: hi }
            """, "missing-field");

        Assert.Equal(4, error.Location.Line);
        Assert.Contains("'uses'", error.Message);
    }

    [Fact]
    public void Missing_runbook_id_is_reported_at_the_top_of_the_file()
    {
        var error = Runbooks.Single("""
            version: 1
            steps:
              - id: say
                uses: notify
                with: { message: hi }
            """, "missing-field");

        Assert.Equal((1, 1), (error.Location.Line, error.Location.Column));
        Assert.Contains("'id'", error.Message);
    }

    [Fact]
    public void Missing_version_is_reported()
    {
        var error = Runbooks.Single("""
            id: r
            steps:
              - id: say
                uses: notify
                with: { message: hi }
            """, "missing-field");

        Assert.Contains("'version'", error.Message);
    }

    [Fact]
    public void Runbook_id_with_capitals_is_invalid()
    {
        var error = Runbooks.Single("""
            id: Export
            version: 1
            steps:
              - id: say
                uses: notify
                with: { message: hi }
            """, "invalid-id");

        Assert.Equal(1, error.Location.Line);
    }

    [Fact]
    public void Step_id_starting_with_a_digit_is_invalid()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            steps:
              - id: 1st
                uses: notify
                with: { message: hi }
            """, "invalid-id");

        Assert.Equal((4, 9), (error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void Next_for_an_outcome_the_activity_never_answers_is_reported()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            steps:
              - id: say
                uses: notify
                with: { message: hi }
                next: { approved: end }
            """, "unknown-outcome");

        Assert.Equal(7, error.Location.Line);
    }

    [Fact]
    public void Unknown_field_in_a_step_is_reported_with_a_suggestion()
    {
        var error = Runbooks.Single("""
            id: r
            version: 1
            steps:
              - id: say
                uses: notify
                with: { message: hi }
                nxt: { done: end }
            """, "unknown-field");

        Assert.Equal((7, 5), (error.Location.Line, error.Location.Column));
        Assert.Contains("did you mean 'next'", error.Message);
    }

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var errors = Runbooks.Errors("""
            id: r
            version: 1
            steps:
              - id: a
                uses: sql.qurey
              - id: a
                uses: notify
                next: { done: nowhere }
            """);

        Assert.Equal(["unknown-activity", "missing-parameter", "duplicate-step-id", "missing-next-target"], errors.Select(e => e.Code).Distinct());
    }

    [Fact]
    public void Bad_yaml_is_a_syntax_error_with_line_and_column()
    {
        var error = Assert.Single(Runbooks.Errors("""
            id: r
            version: 1
            steps: [
              - id: a
            """));

        Assert.Equal("syntax", error.Code);
        Assert.Equal("runbooks/test.yaml", error.Location.File);
        Assert.True(error.Location.Line >= 3, error.ToString());
    }

    [Fact]
    public void Bad_json_is_a_syntax_error_with_line_and_column()
    {
        var error = Assert.Single(Runbooks.Errors("""
            {
              "id": "r",
              "version": 1,
              "steps": [ { "id": "a" "uses": "notify" } ]
            }
            """, RunbookFormat.Json));

        Assert.Equal("syntax", error.Code);
        Assert.Equal((4, 26), (error.Location.Line, error.Location.Column));
    }
}
