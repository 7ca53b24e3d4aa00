using System.Text.Json.Nodes;
using RunbookOrchestrator.Templates;

namespace RunbookOrchestrator.Tests.Templates;

/// <summary>Templates render with Scriban in a sandbox: values keep their JSON type, mistakes are found before a run, limits hold.</summary>
public class ScribanTemplateRendererTests
{
    private readonly ScribanTemplateRenderer _renderer = new();

    private static readonly JsonObject Scope = JsonNode.Parse("""
        {
          "inputs": { "customer_id": "C-42", "limit": 10, "ratio": 0.25, "ok": true, "tags": ["a", "b"], "html": "<b>Tom & Jerry</b>" },
          "steps": { "fetch-data": { "output": { "count": 3, "rows": [{ "id": 1 }, { "id": 2 }] }, "outcome": "done" }, "fetch": { "output": { "n": 7 } } },
          "run": { "id": "run-1" }
        }
        """)!.AsObject();

    private string Text(string template) => _renderer.Render(JsonValue.Create(template), Scope)!.GetValue<string>();

    [Fact]
    public void A_string_that_is_one_reference_keeps_the_type_of_a_number()
    {
        Assert.Equal("10", _renderer.Render(JsonValue.Create("{{ inputs.limit }}"), Scope)!.ToJsonString());
    }

    [Fact]
    public void A_string_that_is_one_indexed_reference_keeps_the_type_of_an_array()
    {
        var rendered = _renderer.Render(JsonValue.Create("""{{ steps["fetch-data"].output.rows }}"""), Scope);

        Assert.Equal("""[{"id":1},{"id":2}]""", rendered!.ToJsonString());
    }

    [Fact]
    public void Mixed_text_renders_as_a_string()
    {
        Assert.Equal("customer C-42 has 3 rows", Text("""customer {{ inputs.customer_id }} has {{ steps["fetch-data"].output.count }} rows"""));
    }

    [Fact]
    public void A_missing_member_in_mixed_text_renders_empty()
    {
        Assert.Equal("[]", Text("[{{ inputs.nothing }}]"));
    }

    [Fact]
    public void A_missing_value_as_the_whole_string_is_json_null()
    {
        Assert.Equal("""{"x":null}""", _renderer.Render(new JsonObject { ["x"] = "{{ inputs.nothing }}" }, Scope)!.ToJsonString());
    }

    [Fact]
    public void Plain_text_is_not_escaped()
    {
        Assert.Equal("name: <b>Tom & Jerry</b>", Text("name: {{ inputs.html }}"));
    }

    [Fact]
    public void Objects_arrays_booleans_and_decimals_print_the_json_way()
    {
        Assert.Equal("""tags=["a","b"] ok=true ratio=0.25 n=7""", Text("tags={{ inputs.tags }} ok={{ inputs.ok }} ratio={{ inputs.ratio }} n={{ steps.fetch.output.n }}"));
    }

    [Fact]
    public void For_loops_walk_arrays_of_the_scope()
    {
        Assert.Equal("1;2;", Text("""{{ for row in steps["fetch-data"].output.rows }}{{ row.id }};{{ end }}"""));
    }

    [Fact]
    public void If_and_standard_functions_work()
    {
        Assert.Equal("C-42!", Text("{{ if inputs.ok }}{{ inputs.customer_id | string.upcase }}!{{ else }}no{{ end }}"));
    }

    [Fact]
    public void Objects_and_arrays_are_rendered_recursively()
    {
        var rendered = _renderer.Render(JsonNode.Parse("""{ "argv": ["echo", "{{ inputs.customer_id }}"], "n": 5 }"""), Scope);

        Assert.Equal("""{"argv":["echo","C-42"],"n":5}""", rendered!.ToJsonString());
    }

    [Fact]
    public void Assignments_stay_inside_their_own_string()
    {
        var rendered = _renderer.Render(JsonNode.Parse("""["{{ x = 5 }}{{ x }}", "[{{ inputs.x }}]"]"""), Scope);

        Assert.Equal("""["5","[]"]""", rendered!.ToJsonString());
    }

    [Fact]
    public void An_unclosed_tag_is_a_syntax_error_at_its_position()
    {
        var error = _renderer.CheckSyntax("hello {{ inputs.name");

        Assert.NotNull(error);
        Assert.InRange(error!.Column, 7, 21);
    }

    [Fact]
    public void An_unclosed_block_is_a_syntax_error()
    {
        Assert.NotNull(_renderer.CheckSyntax("{{ if inputs.ok }}yes"));
    }

    [Theory]
    [InlineData("{{ include 'secrets.txt' }}")]
    [InlineData("{{ include_join ['a'] ',' }}")]
    [InlineData("{{ import inputs }}")]
    public void Reading_other_files_or_templates_is_refused_before_a_run(string template)
    {
        var error = _renderer.CheckSyntax(template);

        Assert.NotNull(error);
        Assert.Contains("cannot read files", error!.Message);
    }

    [Fact]
    public void A_loop_over_a_literal_range_past_the_limit_is_refused_before_a_run()
    {
        var error = _renderer.CheckSyntax("{{ for i in 1..20000 }}x{{ end }}");

        Assert.Contains("20,000 times", error!.Message);
        Assert.Equal(13, error.Column);
    }

    [Fact]
    public void A_loop_past_the_limit_at_run_time_fails_the_render_not_the_process()
    {
        var ex = Assert.Throws<TemplateRenderException>(() => Text("{{ n = 20000 }}{{ for i in 1..n }}x{{ end }}"));

        Assert.Contains("line 1", ex.Message);
    }

    [Fact]
    public void Endless_recursion_is_stopped_by_the_recursion_limit()
    {
        Assert.Throws<TemplateRenderException>(() => Text("{{ func f; ret f; end }}{{ f }}"));
    }

    [Fact]
    public void A_render_that_takes_too_long_is_stopped()
    {
        // The limit is a second; a zero limit shows it is checked while the template runs, whatever the machine's speed.
        var renderer = new ScribanTemplateRenderer(TimeSpan.Zero);

        var ex = Assert.Throws<TemplateRenderException>(() => renderer.RenderText("{{ for i in 1..5000 }}x{{ end }}", Scope, TemplateTarget.PlainText));

        Assert.Contains("longer than", ex.Message);
    }

    [Fact]
    public void A_hyphenated_step_id_read_with_a_dot_is_refused_with_the_index_form()
    {
        var error = _renderer.CheckSyntax("{{ steps.fetch-data.output.count }}");

        Assert.Contains("steps[\"fetch-data\"]", error!.Message);
    }

    [Fact]
    public void An_unknown_variable_at_run_time_is_an_error_not_an_empty_string()
    {
        var ex = Assert.Throws<TemplateRenderException>(() => Text("hello {{ nobody }}"));

        Assert.Contains("nobody", ex.Message);
    }

    [Fact]
    public void Referenced_paths_list_scope_reads_and_skip_loop_variables_and_functions()
    {
        var paths = _renderer.ReferencedPaths(
            """{{ inputs.a }} {{ for row in steps["fetch-data"].output.rows }}{{ row.id }}{{ run.id }}{{ end }} {{ if inputs.b }}{{ inputs.c | string.upcase }}{{ end }}""");

        Assert.Equal(["inputs.a", "steps.fetch-data.output.rows", "run.id", "inputs.b", "inputs.c"], paths);
    }

    [Fact]
    public void Templates_over_64_KiB_are_refused()
    {
        Assert.NotNull(_renderer.CheckSyntax("{{ inputs.a }}" + new string('x', ScribanTemplateRenderer.MaxTemplateChars)));
    }

    [Fact]
    public void Output_over_1_MiB_is_refused()
    {
        var big = new JsonObject { ["inputs"] = new JsonObject { ["s"] = new string('x', 600 * 1024) } };

        Assert.Throws<TemplateRenderException>(() => _renderer.Render(JsonValue.Create("{{ inputs.s }}{{ inputs.s }}"), big));
    }

    [Theory]
    [InlineData(TemplateTarget.PlainText, "<@U1> & \"x\"")]
    [InlineData(TemplateTarget.Html, "&lt;@U1&gt; &amp; &quot;x&quot;")]
    [InlineData(TemplateTarget.SlackMrkdwn, "&lt;@U1&gt; &amp; \"x\"")]
    [InlineData(TemplateTarget.JsonString, "<@U1> & \\\"x\\\"")]
    public void Printed_values_are_escaped_for_the_target_the_caller_names_and_template_text_is_not(TemplateTarget target, string expected)
    {
        var scope = new JsonObject { ["inputs"] = new JsonObject { ["who"] = "<@U1> & \"x\"" } };

        Assert.Equal($"<b>{expected}</b>", _renderer.RenderText("<b>{{ inputs.who }}</b>", scope, target));
    }
}
