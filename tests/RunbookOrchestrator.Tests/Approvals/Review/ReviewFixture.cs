using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bogus;
using RunbookOrchestrator.Tests.Activities.Sql;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Approvals.Review;

/// <summary>One server whose gates show reviewers an export summary and let them reveal values: a customer database behind
/// <c>crm</c> (read-only) and <c>crm_rw</c> (writable), runbooks that export or carry sensitive inputs, and a policy that forbids
/// reveals for one of them.</summary>
public sealed class ReviewFixture : IAsyncLifetime
{
    public CustomerDatabase Customers { get; } = new();
    public OrchestratorApp App { get; }
    private readonly Faker _faker = new();

    public ReviewFixture()
    {
        App = new OrchestratorApp(
                ("policies.yaml", """
                    version: 1
                    rules:
                      - id: sealed-lookups-allow-no-reveal
                        match: { runbook: sealed-lookup }
                        effect:
                          require_approval: { approvers: [group:data-owners], timeout: 1h, allow_reveal: false }
                      - id: exports-need-data-owners
                        match: { privileged: data-export }
                        effect:
                          require_approval: { approvers: [group:data-owners], timeout: 1h }
                    """),
                ("lookup.yaml", Lookup("lookup")),
                ("sealed-lookup.yaml", Lookup("sealed-lookup")),
                ("export.yaml", """
                    id: export
                    version: 1
                    owners: [data-owners]
                    inputs:
                      min_balance: { type: number, default: 0 }
                      max_rows: { type: int, default: 1000 }
                    steps:
                      - id: export
                        uses: sql.query
                        privileged: data-export
                        with:
                          connection: crm
                          query: "SELECT id, name, email, balance FROM customers WHERE balance > @min ORDER BY id"
                          parameters: { min: "{{ inputs.min_balance }}" }
                          max_rows: "{{ inputs.max_rows }}"
                    """),
                ("purge.yaml", """
                    id: purge
                    version: 1
                    owners: [data-owners]
                    steps:
                      - id: purge
                        uses: sql.query
                        privileged: data-export
                        with: { connection: crm_rw, query: "DELETE FROM customers" }
                    """))
            .With("Orchestrator:Activities:Connections:crm:provider", "sqlite")
            .With("Orchestrator:Activities:Connections:crm:connection_string", Customers.ConnectionString)
            .With("Orchestrator:Activities:Connections:crm_rw:provider", "sqlite")
            .With("Orchestrator:Activities:Connections:crm_rw:connection_string", Customers.ConnectionString)
            .With("Orchestrator:Activities:Connections:crm_rw:read_only", "false");
    }

    private static string Lookup(string id) => $$$"""
        id: {{{id}}}
        version: 1
        owners: [data-owners]
        inputs:
          customer_email: { type: string, required: true, classification: pii }
          api_token: { type: string, required: true, classification: secret }
          region: { type: string, default: eu-west-1 }
        steps:
          - id: lookup
            uses: set
            privileged: data-export
            with: { values: { contact: "{{ inputs.customer_email }}", region: "{{ inputs.region }}" } }
        """;

    /// <summary>A fresh unique person name.</summary>
    public string Name() => $"{_faker.Internet.UserName().ToLowerInvariant().Replace('.', '-')}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Starts <paramref name="runbook"/> as <paramref name="agent"/> and returns the run and the id of the gate it waits on.</summary>
    public async Task<(string RunId, string GateId)> PendingGateAsync(HttpClient agent, HttpClient reviewer, string runbook, object inputs)
    {
        var runId = await agent.StartAsync(runbook, inputs);
        for (var i = 0; i < 400; i++)
        {
            var list = JsonNode.Parse(await reviewer.GetStringAsync("/api/approvals?status=pending"))!["items"]!.AsArray();
            if (list.FirstOrDefault(g => g!["run_id"]!.GetValue<string>() == runId) is { } gate) return (runId, gate["id"]!.GetValue<string>());
            await Task.Delay(50);
        }
        throw new TimeoutException($"no pending approval for run {runId}");
    }

    public static Task<HttpResponseMessage> RevealAsync(HttpClient reviewer, string gateId, string field, string? justification = "needed to check the request") =>
        reviewer.PostAsJsonAsync($"/api/approvals/{gateId}/reveals", new { field, justification });

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        App.Dispose();
        Customers.Dispose();
        return Task.CompletedTask;
    }
}
