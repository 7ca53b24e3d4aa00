using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Server.Persistence.Audit;
using RunbookOrchestrator.Tests.Api;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.RunbookEditing;

/// <summary>One server; every test creates its own runbook through the API, so tests do not see each other's edits.</summary>
public sealed class RunbookEditingFixture : IAsyncLifetime
{
    public OrchestratorApp App { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Publishing runbooks from the designer: who may, what is checked, what happens to runs in flight, and how a change on
/// disk and a save from the designer meet.</summary>
public sealed class RunbookEditingTests(RunbookEditingFixture fixture) : IClassFixture<RunbookEditingFixture>
{
    private OrchestratorApp App => fixture.App;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private static string Yaml(string id, int version, string message = "hello", string extra = "") => $"""
        # Kept by every edit that does not touch it.
        id: {id}
        version: {version}
        owners: [data-owners]
        steps:
          - id: ask
            uses: approval
            with: {"{"} approvers: [group:data-owners], timeout: 1h {"}"}
          - id: say
            uses: notify
            with:
              channel: log
              message: "{message}"
        {extra}
        """;

    private async Task<HttpClient> DesignerAsync() => await App.HumanClientAsync(Unique("designer"), "designers", "data-owners");

    private static async Task<HttpResponseMessage> PublishAsync(HttpClient client, string id, string yaml, string? baseHash) =>
        await client.PutAsJsonAsync($"/api/runbooks/{id}/source", new { yaml, base_hash = baseHash });

    private async Task<(HttpClient Designer, string Id, string Hash)> PublishedAsync()
    {
        var designer = await DesignerAsync();
        var id = Unique("edited");
        using var created = await PublishAsync(designer, id, Yaml(id, 1), null);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var source = await designer.GetFromJsonAsync<JsonObject>($"/api/runbooks/{id}/source");
        return (designer, id, source!["text_hash"]!.GetValue<string>());
    }

    private string FileOf(string id) => Path.Combine(App.RunbooksDirectory, id + ".yaml");

    [Fact]
    public async Task A_designer_publishes_a_new_version_that_new_runs_use()
    {
        var (designer, id, hash) = await PublishedAsync();

        using var saved = await PublishAsync(designer, id, Yaml(id, 2, "changed"), hash);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(2, (await saved.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>());
        Assert.Equal(Yaml(id, 2, "changed"), await File.ReadAllTextAsync(FileOf(id)));
        Assert.Equal(2, (await designer.GetFromJsonAsync<JsonObject>($"/api/runbooks/{id}"))!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_run_in_flight_keeps_the_version_it_started_with()
    {
        var (designer, id, hash) = await PublishedAsync();
        var runId = await designer.StartAsync(id);
        await designer.WaitForAsync(runId, r => r["waiting_for"] is JsonArray { Count: > 0 });

        using var saved = await PublishAsync(designer, id, Yaml(id, 2, "changed"), hash);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var run = await designer.GetRunAsync(runId);
        Assert.Equal(1, run["runbook"]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Every_publish_is_audited_with_the_version_and_the_definition_hash()
    {
        var (designer, id, hash) = await PublishedAsync();

        using var saved = await PublishAsync(designer, id, Yaml(id, 2, "changed"), hash);
        var published = (await saved.Content.ReadFromJsonAsync<JsonObject>())!;

        await using var db = await App.Services.GetRequiredService<IDbContextFactory<OrchestratorDbContext>>().CreateDbContextAsync();
        var events = await db.Set<AuditEventEntity>().Where(e => e.Kind == "runbook.published").ToListAsync();
        var mine = events.Select(e => JsonNode.Parse(e.DataJson!)!.AsObject()).Where(d => d["runbook"]!.GetValue<string>() == id).ToList();
        Assert.Equal([1, 2], mine.Select(d => d["version"]!.GetValue<int>()).Order());
        Assert.Contains(mine, d => d["definition_hash"]!.GetValue<string>() == published["definition_hash"]!.GetValue<string>()
                                   && d["text_hash"]!.GetValue<string>() == published["text_hash"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_person_outside_designers_can_neither_open_nor_publish_a_source()
    {
        var (_, id, hash) = await PublishedAsync();
        using var reader = await App.HumanClientAsync(Unique("reader"), "data-owners");
        var before = await File.ReadAllTextAsync(FileOf(id));

        using var open = await reader.GetAsync($"/api/runbooks/{id}/source");
        using var forged = await PublishAsync(reader, id, Yaml(id, 2, "forged"), hash);

        await open.AssertProblemAsync(403);
        var problem = await forged.AssertProblemAsync(403);
        Assert.Contains("designers", problem.Detail());
        Assert.Equal(before, await File.ReadAllTextAsync(FileOf(id)));
        Assert.False((await reader.GetFromJsonAsync<JsonObject>($"/api/runbooks/{id}"))!["editable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_agent_cannot_publish()
    {
        var (_, id, hash) = await PublishedAsync();
        using var agent = await App.AgentClientAsync(Unique("agent"));

        using var forged = await PublishAsync(agent, id, Yaml(id, 2, "forged"), hash);

        await forged.AssertProblemAsync(403);
    }

    [Fact]
    public async Task A_draft_with_a_broken_template_is_refused_with_its_line_and_changes_nothing()
    {
        var (designer, id, hash) = await PublishedAsync();
        var before = await File.ReadAllTextAsync(FileOf(id));

        using var saved = await PublishAsync(designer, id, Yaml(id, 2, "{{ inputs.missing "), hash);

        var problem = await saved.AssertProblemAsync(422);
        var issue = problem["issues"]!.AsArray().Select(i => i!.AsObject()).First();
        Assert.Equal(13, issue["line"]!.GetValue<int>());
        Assert.Equal("say", issue["step"]!.GetValue<string>());
        Assert.Equal(before, await File.ReadAllTextAsync(FileOf(id)));
        Assert.Equal(1, (await designer.GetFromJsonAsync<JsonObject>($"/api/runbooks/{id}"))!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_save_that_does_not_raise_the_version_is_told_the_next_one()
    {
        var (designer, id, hash) = await PublishedAsync();

        using var saved = await PublishAsync(designer, id, Yaml(id, 1, "changed"), hash);

        var problem = await saved.AssertProblemAsync(422);
        Assert.Contains("version 2", problem.Detail());
    }

    [Fact]
    public async Task A_save_cannot_rename_a_runbook()
    {
        var (designer, id, hash) = await PublishedAsync();

        using var saved = await PublishAsync(designer, id, Yaml(id + "-x", 2), hash);

        var problem = await saved.AssertProblemAsync(422);
        Assert.Contains("a new id is a new runbook", problem.Detail());
    }

    [Fact]
    public async Task A_save_based_on_a_text_the_file_no_longer_has_is_refused_and_neither_side_is_lost()
    {
        var (designer, id, hash) = await PublishedAsync();
        var fromGit = Yaml(id, 2, "from git");
        await File.WriteAllTextAsync(FileOf(id), fromGit);
        await WaitUntilAsync(async () => (await designer.GetFromJsonAsync<JsonObject>($"/api/runbooks/{id}"))!["version"]!.GetValue<int>() == 2);

        using var saved = await PublishAsync(designer, id, Yaml(id, 2, "from the designer"), hash);

        var problem = await saved.AssertProblemAsync(409);
        Assert.Equal(fromGit, problem["current_yaml"]!.GetValue<string>());
        Assert.Equal(fromGit, await File.ReadAllTextAsync(FileOf(id)));
    }

    [Fact]
    public async Task A_file_changed_on_disk_shows_up_as_a_new_version_in_the_history()
    {
        var (designer, id, _) = await PublishedAsync();
        await File.WriteAllTextAsync(FileOf(id), Yaml(id, 2, "from git"));

        var entries = await WaitForHistoryAsync(designer, id, 2);

        Assert.Equal(["file", "designer"], entries.Select(e => e!["origin"]!.GetValue<string>()));
        Assert.Equal([2, 1], entries.Select(e => e!["version"]!.GetValue<int>()));
        Assert.Null(entries[0]!["saved_by"]);
        Assert.StartsWith("designer-", entries[1]!["saved_by"]!.GetValue<string>());
    }

    [Fact]
    public async Task Each_version_in_the_history_gives_back_its_text_and_downloads_as_yaml()
    {
        var (designer, id, hash) = await PublishedAsync();
        using var saved = await PublishAsync(designer, id, Yaml(id, 2, "changed"), hash);
        var entries = await WaitForHistoryAsync(designer, id, 2);

        var first = await designer.GetFromJsonAsync<JsonObject>($"/api/runbooks/{id}/history/{entries[1]!["id"]}");
        using var download = await designer.GetAsync($"/api/runbooks/{id}/yaml");

        Assert.Equal(Yaml(id, 1), first!["yaml"]!.GetValue<string>());
        Assert.Equal(Yaml(id, 2, "changed"), await download.Content.ReadAsStringAsync());
        Assert.Equal($"{id}.yaml", download.Content.Headers.ContentDisposition!.FileName);
    }

    [Fact]
    public async Task Creating_a_runbook_whose_id_exists_is_refused()
    {
        var (designer, id, _) = await PublishedAsync();

        using var again = await PublishAsync(designer, id, Yaml(id, 5), null);

        await again.AssertProblemAsync(409);
    }

    [Fact]
    public async Task A_runbook_id_that_is_not_a_file_name_is_refused()
    {
        var designer = await DesignerAsync();

        using var saved = await PublishAsync(designer, ".hidden", Yaml(".hidden", 1), null);

        await saved.AssertProblemAsync(400);
        Assert.False(File.Exists(Path.Combine(App.RunbooksDirectory, ".hidden.yaml")));
    }

    [Fact]
    public async Task Validating_a_draft_names_the_line_and_step_of_each_problem_and_previews_policy()
    {
        using var person = await App.HumanClientAsync(Unique("person"), "sre");
        var id = Unique("draft");

        using var checkedDraft = await person.PostAsJsonAsync("/api/runbooks/validate", new { yaml = Yaml(id, 1, "{{ inputs.nope }}") });

        var body = (await checkedDraft.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.False(body["valid"]!.GetValue<bool>());
        var issue = body["issues"]!.AsArray().Single()!;
        Assert.Equal(13, issue["line"]!.GetValue<int>());
        Assert.Equal("say", issue["step"]!.GetValue<string>());
        Assert.Contains("nope", issue["message"]!.GetValue<string>());
        Assert.Equal(["ask", "say"], body["steps"]!.AsArray().Select(s => s!["step_id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Validating_a_body_without_yaml_is_a_problem_naming_the_field()
    {
        using var person = await App.HumanClientAsync(Unique("person"), "sre");

        using var response = await person.PostAsJsonAsync("/api/runbooks/validate", new { yaml = 3 });

        var problem = await response.AssertProblemAsync(400);
        Assert.Equal("/yaml", problem["errors"]![0]!["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_draft_larger_than_a_runbook_file_may_be_is_refused_before_it_is_read_and_nothing_is_published()
    {
        var designer = await DesignerAsync();
        var id = Unique("huge");
        var yaml = Yaml(id, 1) + "# " + new string('x', 1024 * 1024) + "\n";

        using var checkedDraft = await designer.PostAsJsonAsync("/api/runbooks/validate", new { yaml });
        using var saved = await PublishAsync(designer, id, yaml, null);

        await checkedDraft.AssertProblemAsync(413);
        await saved.AssertProblemAsync(413);
        Assert.False(File.Exists(FileOf(id)));
    }

    [Fact]
    public async Task The_activity_list_gives_each_step_type_its_palette_group_and_parameters()
    {
        using var person = await App.HumanClientAsync(Unique("person"), "sre");

        var items = (await person.GetFromJsonAsync<JsonObject>("/api/activities"))!["items"]!.AsArray().ToDictionary(a => a!["type"]!.GetValue<string>());

        Assert.Equal("humans", items["approval"]!["category"]!.GetValue<string>());
        Assert.Contains("quorum", items["approval"]!["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal("data", items["sql.query"]!["category"]!.GetValue<string>());
        Assert.Equal("calls", items["http.request"]!["category"]!.GetValue<string>());
        Assert.Equal("control flow", items["branch"]!["category"]!.GetValue<string>());
        Assert.True(items["http.request"]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "url")!["required"]!.GetValue<bool>());
    }

    private static async Task<JsonArray> WaitForHistoryAsync(HttpClient designer, string id, int count)
    {
        JsonArray entries = [];
        await WaitUntilAsync(async () =>
        {
            entries = (await designer.GetFromJsonAsync<JsonObject>($"/api/runbooks/{id}/history"))!["entries"]!.AsArray();
            return entries.Count >= count;
        });
        return entries;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the condition did not hold within 20 s");
            await Task.Delay(50);
        }
    }
}
