using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Tests.Hosting;
using RunbookOrchestrator.Tests.Runtime;

namespace RunbookOrchestrator.Tests.OpenApi;

/// <summary>Drives every documented operation the way agents, reviewers and auditors use them, including their errors, and
/// checks each response against /openapi/v1.json: documented status, documented shape, no undocumented member.</summary>
public sealed class DocumentedTrafficTests
{
    private static OrchestratorApp NewApp() => new(
        ("policies.yaml", """
            version: 1
            rules:
              - id: exports-need-data-owners
                match: { privileged: data-export }
                effect:
                  require_approval: { approvers: [group:data-owners], quorum: 1, timeout: 1h, escalate: [{ after: 30m, add: [group:security] }] }
            """),
        ("export.yaml", """
            id: export
            version: 1
            owners: [data-owners]
            inputs:
              rows: { type: int, default: 10 }
              ticket: { type: string, required: true, classification: pii }
            steps:
              - id: export
                uses: set
                privileged: data-export
                with: { values: { exported: "{{ inputs.rows }}" } }
            """),
        ("slow.yaml", """
            id: slow
            version: 1
            steps:
              - id: wait
                uses: wait.event
                with: { event: go, timeout: 1h }
            """));

    [Fact]
    public async Task Every_response_of_every_documented_operation_is_what_the_document_says()
    {
        var exchanges = new ConcurrentQueue<RecordedExchange>();
        using var app = NewApp().HandleClientsWith(() => new ExchangeRecorder(exchanges));
        var agent = await app.AgentClientAsync("doc-agent");
        var reviewer = await app.HumanClientAsync("doc-reviewer", "data-owners");
        var auditor = await app.HumanClientAsync("doc-auditor", "auditors");
        using var anonymous = app.CreateDefaultClient(new ExchangeRecorder(exchanges));

        await anonymous.GetAsync("/health");
        await anonymous.GetAsync("/api/me");
        await agent.GetAsync("/api/me");
        await reviewer.GetAsync("/api/me");
        await agent.GetAsync("/api/runbooks");
        await reviewer.GetAsync("/api/runbooks");
        await agent.GetAsync("/api/runbooks/export");
        await agent.GetAsync("/api/runbooks/no-such-runbook");
        await agent.GetAsync("/api/policy");
        await agent.GetAsync("/api/policy/explain?runbook=export");
        await agent.GetAsync("/api/policy/explain");

        using var start = new HttpRequestMessage(HttpMethod.Post, "/api/runbooks/export/runs") { Content = JsonContent.Create(new { inputs = new { ticket = "T-1" }, reason = "monthly report" }) };
        start.Headers.Add("Idempotency-Key", "doc-1");
        var runId = JsonNode.Parse(await (await agent.SendAsync(start)).Content.ReadAsStringAsync())!["run_id"]!.GetValue<string>();
        using var replay = new HttpRequestMessage(HttpMethod.Post, "/api/runbooks/export/runs") { Content = JsonContent.Create(new { inputs = new { ticket = "T-1" }, reason = "monthly report" }) };
        replay.Headers.Add("Idempotency-Key", "doc-1");
        await agent.SendAsync(replay);
        await agent.PostAsJsonAsync("/api/runbooks/export/runs", new { inputs = new { rows = "many" } });
        await agent.PostAsJsonAsync("/api/runbooks/no-such-runbook/runs", new { inputs = new { } });
        await agent.PostAsync("/api/runbooks/export/runs", new StringContent("{\"inputs\": {}, \"inputs\": {}}", System.Text.Encoding.UTF8, "application/json"));
        await agent.WaitForAsync(runId, r => r["waiting_for"] is JsonArray { Count: > 0 });
        await agent.GetAsync("/api/runs");
        await agent.GetAsync("/api/runs?cursor=not-a-cursor");
        await agent.GetAsync("/api/runs/" + Guid.NewGuid().ToString("N"));

        await reviewer.GetAsync("/api/approvals?status=pending");
        await reviewer.GetAsync("/api/approvals?status=bogus");
        var gateId = JsonNode.Parse(await reviewer.GetStringAsync("/api/approvals?status=pending"))!["items"]!.AsArray()
            .First(g => g!["run_id"]!.GetValue<string>() == runId)!["id"]!.GetValue<string>();
        await reviewer.GetAsync($"/api/approvals/{gateId}");
        await reviewer.GetAsync("/api/approvals/no-such-gate");
        await reviewer.PostAsJsonAsync($"/api/approvals/{gateId}/reveals", new { field = "inputs.ticket", justification = "check the ticket" });
        await reviewer.PostAsJsonAsync($"/api/approvals/{gateId}/reveals", new { justification = "no field" });
        await agent.PostAsJsonAsync($"/api/approvals/{gateId}/decisions", new { decision = "approve" });
        await reviewer.PostAsJsonAsync($"/api/approvals/{gateId}/decisions", new { decision = "maybe" });
        await reviewer.PostAsJsonAsync($"/api/approvals/{gateId}/decisions", new { decision = "approve", reason = "ticket checked" });
        await reviewer.PostAsJsonAsync($"/api/approvals/{gateId}/decisions", new { decision = "approve", reason = "again" });
        await agent.WaitForEndAsync(runId);
        await agent.GetAsync($"/api/runs/{runId}");
        await agent.GetAsync($"/api/runs/{runId}/stream");
        await agent.GetAsync($"/api/runs/{Guid.NewGuid():N}/stream");
        using (var listStream = await agent.GetAsync("/api/runs/stream", HttpCompletionOption.ResponseHeadersRead)) { }
        await agent.GetAsync($"/api/runs/{runId}/audit");
        var designer = await app.HumanClientAsync("doc-designer", "designers");
        await reviewer.GetAsync("/api/activities");
        await reviewer.PostAsJsonAsync("/api/runbooks/validate", new { yaml = "id: d\nversion: 1\nsteps:\n  - id: a\n    uses: notify\n    with: { message: '{{ inputs.x }}' }\n" });
        await reviewer.PostAsJsonAsync("/api/runbooks/validate", new { text = "no yaml" });
        var madeYaml = "id: doc-made\nversion: 1\nsteps:\n  - id: a\n    uses: notify\n    with: { message: hi }\n";
        await designer.PutAsJsonAsync("/api/runbooks/doc-made/source", new { yaml = madeYaml, base_hash = (string?)null });
        await designer.PutAsJsonAsync("/api/runbooks/doc-made/source", new { yaml = madeYaml, base_hash = (string?)null });
        await designer.PutAsJsonAsync("/api/runbooks/doc-made/source", new { yaml = "id: doc-made\nversion: 2\nsteps: 3\n", base_hash = "0" });
        await reviewer.PutAsJsonAsync("/api/runbooks/doc-made/source", new { yaml = madeYaml, base_hash = "0" });
        await designer.PutAsJsonAsync("/api/runbooks/.bad/source", new { yaml = madeYaml });
        var madeHash = JsonNode.Parse(await designer.GetStringAsync("/api/runbooks/doc-made/source"))!["text_hash"]!.GetValue<string>();
        await designer.PutAsJsonAsync("/api/runbooks/doc-made/source", new { yaml = "id: doc-made\nversion: 2\nsteps: 3\n", base_hash = madeHash });
        await designer.PutAsJsonAsync("/api/runbooks/doc-made/source", new { yaml = madeYaml.Replace("version: 1", "version: 2"), base_hash = madeHash });
        await reviewer.GetAsync("/api/runbooks/doc-made/source");
        await designer.GetAsync("/api/runbooks/no-such-runbook/source");
        var historyEntry = JsonNode.Parse(await designer.GetStringAsync("/api/runbooks/doc-made/history"))!["entries"]![0]!["id"]!.GetValue<long>();
        await designer.GetAsync("/api/runbooks/no-such-runbook/history");
        await reviewer.GetAsync("/api/runbooks/doc-made/history");
        await designer.GetAsync($"/api/runbooks/doc-made/history/{historyEntry}");
        await designer.GetAsync("/api/runbooks/doc-made/history/999999");
        await reviewer.GetAsync($"/api/runbooks/doc-made/history/{historyEntry}");
        await designer.GetAsync("/api/runbooks/doc-made/yaml");
        await designer.GetAsync("/api/runbooks/no-such-runbook/yaml");
        await reviewer.GetAsync("/api/runbooks/doc-made/yaml");
        await agent.GetAsync("/api/runbooks/export/versions");
        await agent.GetAsync("/api/runbooks/no-such-runbook/versions");
        await agent.GetAsync($"/api/runs/{Guid.NewGuid():N}/audit");

        var slowId = await agent.StartAsync("slow");
        await agent.PostAsJsonAsync($"/api/runs/{slowId}/events/go", new { note = "carry on" });
        await agent.WaitForEndAsync(slowId);
        await agent.PostAsJsonAsync($"/api/runs/{slowId}/events/go", new { });
        var cancelId = await agent.StartAsync("slow");
        await agent.PostAsJsonAsync($"/api/runs/{cancelId}/cancel", new { reason = "not needed" });
        await agent.WaitForEndAsync(cancelId);
        await agent.PostAsJsonAsync($"/api/runs/{cancelId}/cancel", new { });

        await agent.PostAsJsonAsync("/api/masking/preview", new { text = "card 4111 1111 1111 1111, mail jane@example.org" });
        await agent.PostAsJsonAsync("/api/masking/preview", new { json = new { email = "jane@example.org" } });
        await agent.PostAsJsonAsync("/api/masking/preview", new { text = "a", json = 1 });

        await auditor.GetAsync("/api/audit/verify");
        await auditor.GetAsync("/api/audit/verify?anchor=nonsense");
        await auditor.GetAsync("/api/audit/events?format=jsonl");
        await reviewer.GetAsync("/api/audit/verify");
        await agent.GetAsync("/api/audit/events");

        var document = JsonNode.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var validator = new OpenApiResponseValidator(document);
        var problems = exchanges.SelectMany(e => validator.Validate(e.Method, e.Path, e.Status, e.MediaType, e.Json)).Distinct().ToList();
        var exercised = exchanges.Select(e => $"{e.Method.ToLowerInvariant()} {validator.TemplateOf(e.Path)}").ToHashSet();
        var documented = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(m => $"{m.Key} {p.Key}")).ToList();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(documented.All(exercised.Contains), "operations without traffic here: " + string.Join(", ", documented.Where(d => !exercised.Contains(d))));
    }
}
