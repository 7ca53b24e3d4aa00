using System.Diagnostics;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Tests.Hosting;
using RunbookOrchestrator.Tests.Process;

namespace RunbookOrchestrator.Tests.OpenApi;

/// <summary>The served document says how to authenticate, what each POST takes and what every problem looks like; a
/// TypeScript client generated from it with openapi-typescript compiles against the designer's usage.</summary>
public sealed class OpenApiDocumentTests : IClassFixture<OpenApiDocumentTests.Served>
{
    /// <summary>One server and its document for the tests of this class.</summary>
    public sealed class Served : IAsyncLifetime
    {
        public OrchestratorApp App { get; } = new(("greet.yaml", "id: greet\nversion: 1\nsteps:\n  - id: a\n    uses: set\n    with: { values: { a: 1 } }\n"));
        public string Text { get; private set; } = "";
        public JsonNode Document => JsonNode.Parse(Text)!;

        public async Task InitializeAsync() => Text = await App.CreateClient().GetStringAsync("/openapi/v1.json");

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    private readonly Served _served;

    public OpenApiDocumentTests(Served served) => _served = served;

    private IEnumerable<(string Path, string Method, JsonNode Operation)> Operations() =>
        _served.Document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(m => (p.Key, m.Key, m.Value!)));

    [Fact]
    public void Security_schemes_name_agent_keys_and_personal_tokens_and_every_operation_but_health_requires_one()
    {
        var schemes = _served.Document["components"]!["securitySchemes"]!.AsObject();

        Assert.Equal(["agentKey", "agentKeyHeader", "personalToken"], schemes.Select(s => s.Key).Order());
        Assert.All(Operations().Where(o => o.Path != "/health"), o => Assert.Equal(3, o.Operation["security"]!.AsArray().Count));
        Assert.Empty(_served.Document["paths"]!["/health"]!["get"]!["security"]!.AsArray());
    }

    [Fact]
    public void Every_operation_has_a_unique_operation_id()
    {
        var ids = Operations().Select(o => o.Operation["operationId"]?.GetValue<string>()).ToList();

        Assert.DoesNotContain(null, ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Every_post_documents_a_required_json_body_and_its_problems()
    {
        Assert.All(Operations().Where(o => o.Method == "post"), o =>
        {
            Assert.True(o.Operation["requestBody"]?["required"]?.GetValue<bool>(), $"{o.Path}: no required body");
            Assert.NotNull(o.Operation["requestBody"]!["content"]!["application/json"]);
            Assert.NotNull(o.Operation["responses"]!["400"]);
            Assert.NotNull(o.Operation["responses"]!["401"]);
        });
    }

    [Fact]
    public void Start_run_documents_the_idempotency_key_header()
    {
        var parameters = _served.Document["paths"]!["/api/runbooks/{runbookId}/runs"]!["post"]!["parameters"]!.AsArray();

        Assert.Contains(parameters, p => p!["name"]!.GetValue<string>() == "Idempotency-Key" && p["in"]!.GetValue<string>() == "header");
    }

    [Fact]
    public void The_problem_schema_has_code_trace_id_and_errors()
    {
        var problem = _served.Document["components"]!["schemas"]!["ProblemDetails"]!;

        Assert.NotNull(problem["properties"]!["code"]);
        Assert.NotNull(problem["properties"]!["trace_id"]);
        Assert.NotNull(problem["properties"]!["errors"]);
        Assert.Contains("trace_id", problem["required"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public void No_number_is_documented_as_a_string_and_demo_routes_are_absent()
    {
        Assert.DoesNotContain("\"integer\",\"string\"", _served.Text.Replace(" ", ""));
        Assert.DoesNotContain("\"string\",\"integer\"", _served.Text.Replace(" ", ""));
        Assert.DoesNotContain("/demo/", _served.Text);
    }

    [Fact]
    public async Task The_api_reference_is_served_at_api_docs_from_the_server_itself()
    {
        using var client = _served.App.CreateClient();

        var html = await client.GetStringAsync("/api/docs/");
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]+src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

        Assert.Contains("openapi/v1.json", html);
        Assert.NotEmpty(scripts);
        Assert.All(scripts, src => Assert.False(src.StartsWith("http", StringComparison.Ordinal), $"{src} would need the internet"));
        Assert.All(scripts, src => Assert.True(client.GetAsync(new Uri(new Uri(client.BaseAddress!, "/api/docs/"), src)).Result.IsSuccessStatusCode, src));
    }

    [Fact]
    public async Task Openapi_typescript_generates_a_client_that_the_usage_file_compiles_against()
    {
        var project = Path.Combine(ServerProcess.RepositoryRoot(), "tests", "openapi-client");
        Assert.True(Directory.Exists(Path.Combine(project, "node_modules", "openapi-typescript")),
            "tests/openapi-client has no node_modules: scripts/test.sh installs them with 'npm ci'");
        var generated = Path.Combine(project, "generated");
        Directory.CreateDirectory(generated);
        var document = Path.Combine(generated, "openapi.json");
        await File.WriteAllTextAsync(document, _served.Text);

        var generate = await NodeAsync(project, "node_modules/openapi-typescript/bin/cli.js", document, "-o", Path.Combine(generated, "schema.d.ts"));
        var compile = await NodeAsync(project, "node_modules/typescript/bin/tsc", "-p", "tsconfig.json");

        Assert.True(generate.Exit == 0, generate.Output);
        Assert.True(compile.Exit == 0, compile.Output);
    }

    private static async Task<(int Exit, string Output)> NodeAsync(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
