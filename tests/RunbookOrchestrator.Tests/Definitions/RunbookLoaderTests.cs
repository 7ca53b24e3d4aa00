using System.Text.Json.Nodes;
using RunbookOrchestrator.Definitions;

namespace RunbookOrchestrator.Tests.Definitions;

public class RunbookLoaderTests
{
    private const string Yaml = """
        id: export-customer-data
        version: 3
        title: Export customer data
        owners: [data-owners]
        inputs:
          customer_id: { type: string, required: true, classification: pii, description: CRM id }
          limit: { type: int, default: 100 }
        steps:
          - id: fetch
            uses: sql.query
            privileged: data-export
            when: "inputs.limit > 0"
            with:
              connection: crm
              max_rows: 1000
              parameters: { id: "{{ inputs.customer_id }}" }
            retry: { max_attempts: 3, initial_delay: 2s, backoff: 3, max_delay: 30s }
            timeout: 30s
            next: { done: notify, failed: end }
          - id: notify
            uses: notify
            with: { message: done }
        """;

    private const string Json = """
        {
          "id": "export-customer-data",
          "version": 3,
          "title": "Export customer data",
          "owners": ["data-owners"],
          "inputs": {
            "customer_id": { "type": "string", "required": true, "classification": "pii", "description": "CRM id" },
            "limit": { "type": "int", "default": 100 }
          },
          "steps": [
            {
              "id": "fetch",
              "uses": "sql.query",
              "privileged": "data-export",
              "when": "inputs.limit > 0",
              "with": {
                "connection": "crm",
                "max_rows": 1000,
                "parameters": { "id": "{{ inputs.customer_id }}" }
              },
              "retry": { "max_attempts": 3, "initial_delay": "2s", "backoff": 3, "max_delay": "30s" },
              "timeout": "30s",
              "next": { "done": "notify", "failed": "end" }
            },
            { "id": "notify", "uses": "notify", "with": { "message": "done" } }
          ]
        }
        """;

    [Fact]
    public void Yaml_and_json_produce_the_same_model()
    {
        var fromYaml = Runbooks.Load(Yaml);
        var fromJson = Runbooks.Load(Json, RunbookFormat.Json);

        Assert.Equal(Describe(fromYaml), Describe(fromJson));
    }

    [Fact]
    public void Every_step_knows_its_line_and_column()
    {
        var runbook = Runbooks.Load(Yaml);

        Assert.Equal(new SourceLocation(Runbooks.File, 9, 5), runbook.Steps[0].Location);
        Assert.Equal(new SourceLocation(Runbooks.File, 20, 5), runbook.Steps[1].Location);
    }

    [Fact]
    public void Every_parameter_knows_where_its_value_starts()
    {
        var step = Runbooks.Load(Yaml).Steps[0];

        Assert.Equal(new SourceLocation(Runbooks.File, 14, 19), step.ParameterLocations!["connection"]);
        Assert.Equal(new SourceLocation(Runbooks.File, 16, 26), step.ParameterLocations["parameters.id"]);
    }

    [Fact]
    public void Every_input_knows_its_line()
    {
        var runbook = Runbooks.Load(Yaml);

        Assert.Equal([6, 7], runbook.Inputs.Select(i => i.Location!.Line));
    }

    [Fact]
    public void Json_elements_know_their_line_and_column()
    {
        var runbook = Runbooks.Load(Json, RunbookFormat.Json);

        Assert.Equal(new SourceLocation(Runbooks.File, 11, 5), runbook.Steps[0].Location);
        Assert.Equal(new SourceLocation(Runbooks.File, 17, 24), runbook.Steps[0].ParameterLocations!["connection"]);
    }

    [Fact]
    public void Plain_yaml_scalars_become_typed_json_and_quoted_ones_stay_strings()
    {
        var step = Runbooks.Load("""
            id: r
            version: 1
            steps:
              - id: s
                uses: set
                with:
                  values: { flag: true, count: 42, ratio: 1.5, nothing: ~, empty: null, quoted: "42", word: yes }
            """).Steps[0];

        var values = step.With["values"]!.AsObject();
        Assert.Equal("""{"flag":true,"count":42,"ratio":1.5,"nothing":null,"empty":null,"quoted":"42","word":"yes"}""", values.ToJsonString());
    }

    [Fact]
    public void Retry_fields_left_out_take_the_defaults()
    {
        var step = Runbooks.Load("""
            id: r
            version: 1
            steps:
              - id: s
                uses: notify
                with: { message: hi }
                retry: { max_attempts: 5 }
            """).Steps[0];

        Assert.Equal(new RetryPolicy(5, TimeSpan.FromSeconds(1), 2, TimeSpan.FromMinutes(5)), step.Retry);
    }

    [Fact]
    public void Next_written_as_a_single_step_id_is_where_done_goes()
    {
        var step = Runbooks.Load("""
            id: r
            version: 1
            steps:
              - id: s
                uses: notify
                with: { message: hi }
                next: t
              - id: t
                uses: notify
                with: { message: hi }
            """).Steps[0];

        Assert.Equal("t", step.Next["done"]);
    }

    [Fact]
    public void A_file_that_is_not_a_map_is_an_error_not_an_exception()
    {
        var result = RunbookLoader.Load("- just\n- a list\n", Runbooks.File, RunbookFormat.Yaml);

        Assert.Null(result.Definition);
        Assert.Equal("invalid-type", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void An_empty_file_is_a_syntax_error()
    {
        var result = RunbookLoader.Load("", Runbooks.File, RunbookFormat.Yaml);

        Assert.Equal("runbooks/test.yaml:1:1: the file holds no YAML document", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Duplicate_yaml_keys_are_a_syntax_error_on_their_line()
    {
        var result = RunbookLoader.Load("id: a\nversion: 1\nid: b\n", Runbooks.File, RunbookFormat.Yaml);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("syntax", 3), (error.Code, error.Location.Line));
    }

    [Fact]
    public void Duplicate_json_keys_are_a_syntax_error_on_their_line()
    {
        var result = RunbookLoader.Load("{\n  \"id\": \"a\",\n  \"id\": \"b\"\n}", Runbooks.File, RunbookFormat.Json);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("syntax", 3, 3), (error.Code, error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void Aliases_that_expand_without_bound_are_an_error_not_a_memory_blowup()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 10; i++)
            lines.Add($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]");

        var result = RunbookLoader.Load(string.Join('\n', lines), Runbooks.File, RunbookFormat.Yaml);

        Assert.Contains("more than", Assert.Single(result.Errors).Message);
    }

    private static string Describe(RunbookDefinition d) => new JsonObject
    {
        ["id"] = d.Id,
        ["version"] = d.Version,
        ["title"] = d.Title,
        ["owners"] = new JsonArray(d.Owners.Select(o => (JsonNode)o).ToArray()),
        ["inputs"] = new JsonArray(d.Inputs.Select(i => (JsonNode)new JsonObject
        {
            ["name"] = i.Name, ["type"] = i.Type, ["required"] = i.Required, ["default"] = i.Default?.DeepClone(),
            ["classification"] = i.Classification.ToString(), ["description"] = i.Description,
        }).ToArray()),
        ["steps"] = new JsonArray(d.Steps.Select(s => (JsonNode)new JsonObject
        {
            ["id"] = s.Id, ["uses"] = s.Uses, ["with"] = s.With.DeepClone(), ["when"] = s.When, ["privileged"] = s.Privileged,
            ["next"] = new JsonObject(s.Next.Select(n => KeyValuePair.Create(n.Key, (JsonNode?)n.Value))),
            ["retry"] = s.Retry?.ToString(), ["timeout"] = s.Timeout?.ToString(),
        }).ToArray()),
    }.ToJsonString();
}
