using System.Text.Json.Nodes;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Definitions;

/// <summary>A broken edit to a runbook file: the server keeps serving the last good version and says where the edit is broken.</summary>
public sealed class RunbookLoadErrorsApiTests
{
    private const string Good = """
        id: greet
        version: 1
        steps:
          - id: say
            uses: set
            with: { values: { said: hello } }
        """;

    [Fact]
    public async Task A_tab_indented_edit_keeps_the_last_good_version_and_people_see_the_error_with_its_location()
    {
        using var app = new OrchestratorApp(("greet.yaml", Good));
        var person = await app.HumanClientAsync("maintainer");
        var agent = await app.AgentClientAsync("runner");
        Assert.Contains("greet", await person.GetStringAsync("/api/runbooks"));

        await File.WriteAllTextAsync(Path.Combine(app.RunbooksDirectory, "greet.yaml"), "id: greet\nversion: 2\nsteps:\n\t- id: say\n\t  uses: set\n");
        var list = await WaitForLoadErrorAsync(person);

        var error = list["load_errors"]![0]!;
        Assert.Equal("greet.yaml", error["file"]!.GetValue<string>());
        Assert.Equal(4, error["line"]!.GetValue<int>());
        Assert.Equal(1, error["column"]!.GetValue<int>());
        Assert.Contains("tab", error["message"]!.GetValue<string>());
        var item = Assert.Single(list["items"]!.AsArray(), i => i!["id"]!.GetValue<string>() == "greet");
        Assert.Equal(1, item!["version"]!.GetValue<int>());
        Assert.Null(JsonNode.Parse(await agent.GetStringAsync("/api/runbooks"))!["load_errors"]);
    }

    private static async Task<JsonNode> WaitForLoadErrorAsync(HttpClient client)
    {
        for (var i = 0; i < 200; i++)
        {
            var list = JsonNode.Parse(await client.GetStringAsync("/api/runbooks"))!;
            if (list["load_errors"] is JsonArray { Count: > 0 }) return list;
            await Task.Delay(100);
        }
        throw new TimeoutException("the broken edit was never reported");
    }
}
