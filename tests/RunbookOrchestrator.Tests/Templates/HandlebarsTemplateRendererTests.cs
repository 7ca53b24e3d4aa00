using System.Text.Json.Nodes;
using RunbookOrchestrator.Templates;

namespace RunbookOrchestrator.Tests.Templates;

public class HandlebarsTemplateRendererTests
{
    private readonly HandlebarsTemplateRenderer _renderer = new();

    private static readonly JsonObject Scope = JsonNode.Parse("""
        {
          "inputs": { "customer_id": "C-42", "limit": 10, "tags": ["a", "b"], "html": "<b>Tom & Jerry</b>" },
          "steps": { "fetch-data": { "output": { "count": 3, "rows": [{ "id": 1 }, { "id": 2 }] }, "outcome": "done" } },
          "run": { "id": "run-1" }
        }
        """)!.AsObject();

    [Fact]
    public void A_string_that_is_one_reference_keeps_the_type_of_a_number()
    {
        var rendered = _renderer.Render(JsonValue.Create("{{ inputs.limit }}"), Scope);

        Assert.Equal("10", rendered!.ToJsonString());
    }

    [Fact]
    public void A_string_that_is_one_reference_keeps_the_type_of_an_array()
    {
        var rendered = _renderer.Render(JsonValue.Create("{{steps.fetch-data.output.rows}}"), Scope);

        Assert.Equal("""[{"id":1},{"id":2}]""", rendered!.ToJsonString());
    }

    [Fact]
    public void Mixed_text_renders_as_a_string()
    {
        var rendered = _renderer.Render(JsonValue.Create("customer {{ inputs.customer_id }} has {{ steps.fetch-data.output.count }} rows"), Scope);

        Assert.Equal("customer C-42 has 3 rows", rendered!.GetValue<string>());
    }

    [Fact]
    public void A_missing_value_in_mixed_text_renders_empty()
    {
        var rendered = _renderer.Render(JsonValue.Create("[{{ inputs.nothing }}]"), Scope);

        Assert.Equal("[]", rendered!.GetValue<string>());
    }

    [Fact]
    public void A_missing_value_as_the_whole_string_is_json_null()
    {
        var rendered = _renderer.Render(new JsonObject { ["x"] = "{{ inputs.nothing }}" }, Scope);

        Assert.Equal("""{"x":null}""", rendered!.ToJsonString());
    }

    [Fact]
    public void Hyphenated_step_ids_are_read_as_path_segments()
    {
        var rendered = _renderer.Render(JsonValue.Create("n={{ steps.fetch-data.output.count }}"), Scope);

        Assert.Equal("n=3", rendered!.GetValue<string>());
    }

    [Fact]
    public void Html_is_not_escaped()
    {
        var rendered = _renderer.Render(JsonValue.Create("name: {{ inputs.html }}"), Scope);

        Assert.Equal("name: <b>Tom & Jerry</b>", rendered!.GetValue<string>());
    }

    [Fact]
    public void Objects_in_mixed_text_are_printed_as_json()
    {
        var rendered = _renderer.Render(JsonValue.Create("tags={{ inputs.tags }}"), Scope);

        Assert.Equal("""tags=["a","b"]""", rendered!.GetValue<string>());
    }

    [Fact]
    public void Each_blocks_walk_arrays_of_the_scope()
    {
        var rendered = _renderer.Render(JsonValue.Create("{{#each steps.fetch-data.output.rows}}{{id}};{{/each}}"), Scope);

        Assert.Equal("1;2;", rendered!.GetValue<string>());
    }

    [Fact]
    public void Objects_and_arrays_are_rendered_recursively()
    {
        var rendered = _renderer.Render(JsonNode.Parse("""{ "argv": ["echo", "{{ inputs.customer_id }}"], "n": 5 }"""), Scope);

        Assert.Equal("""{"argv":["echo","C-42"],"n":5}""", rendered!.ToJsonString());
    }

    [Fact]
    public void An_unclosed_tag_is_a_syntax_error_at_its_column()
    {
        var error = _renderer.CheckSyntax("hello {{ inputs.name");

        Assert.Equal(7, error!.Column);
    }

    [Fact]
    public void A_block_closed_with_the_wrong_name_is_a_syntax_error_at_the_closing_tag()
    {
        var error = _renderer.CheckSyntax("{{#if inputs.a}}x{{/each}}");

        Assert.Equal(18, error!.Column);
    }

    [Fact]
    public void An_unknown_helper_is_a_syntax_error()
    {
        var error = _renderer.CheckSyntax("{{ upper inputs.name }}");

        Assert.Equal(4, error!.Column);
    }

    [Fact]
    public void Partials_are_refused()
    {
        Assert.NotNull(_renderer.CheckSyntax("{{> secrets }}"));
    }

    [Fact]
    public void Rendering_bad_syntax_throws_a_render_exception_with_the_column()
    {
        var ex = Assert.Throws<TemplateRenderException>(() => _renderer.Render(JsonValue.Create("a {{#if x}}b"), Scope));

        Assert.Equal(3, ex.Column);
    }

    [Fact]
    public void Referenced_paths_list_root_paths_and_skip_paths_relative_to_each()
    {
        var paths = _renderer.ReferencedPaths("{{ inputs.a }} {{#each steps.fetch-data.output.rows}}{{id}}{{@root.run.id}}{{/each}} {{#if inputs.b}}{{inputs.c}}{{/if}}");

        Assert.Equal(["inputs.a", "steps.fetch-data.output.rows", "run.id", "inputs.b", "inputs.c"], paths);
    }

    [Fact]
    public void Templates_over_64_KiB_are_refused()
    {
        var template = "{{ inputs.a }}" + new string('x', HandlebarsTemplateRenderer.MaxTemplateChars);

        Assert.NotNull(_renderer.CheckSyntax(template));
    }

    [Fact]
    public void Output_over_1_MiB_is_refused()
    {
        var big = new JsonObject { ["inputs"] = new JsonObject { ["s"] = new string('x', 600 * 1024) } };

        Assert.Throws<TemplateRenderException>(() => _renderer.Render(JsonValue.Create("{{ inputs.s }}{{ inputs.s }}"), big));
    }
}
