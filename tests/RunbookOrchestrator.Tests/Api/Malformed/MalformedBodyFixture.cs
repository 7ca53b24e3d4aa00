using System.Text.Json.Nodes;
using Bogus;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Api.Malformed;

/// <summary>One server (demo routes on) with a run waiting for an event and a run waiting at a gate, so every POST route has real ids to aim at.</summary>
public sealed class MalformedBodyFixture : IAsyncLifetime
{
    private readonly Faker _faker = new();

    public OrchestratorApp App { get; } = new OrchestratorApp(
        ("typed.yaml", """
            id: typed
            version: 1
            title: Typed inputs
            inputs:
              count: { type: int, required: true }
              customer_country: { type: string, default: none }
            steps:
              - id: echo
                uses: set
                with: { values: { count: "{{ inputs.count }}" } }
            """),
        ("parked.yaml", """
            id: parked
            version: 1
            title: Waits for go
            steps:
              - id: wait_go
                uses: wait.event
                with: { event: go }
            """),
        ("gated.yaml", """
            id: gated
            version: 1
            owners: [sre]
            steps:
              - id: ask
                uses: approval
                with: { approvers: [group:sre], timeout: 1h }
            """)).With("Orchestrator:Demo", "true");

    public HttpClient Agent { get; private set; } = null!;
    public HttpClient Reviewer { get; private set; } = null!;
    public string ParkedRunId { get; private set; } = null!;
    public string GateId { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Agent = await App.AgentClientAsync("malformed-agent-" + _faker.Random.AlphaNumeric(6).ToLowerInvariant());
        Reviewer = await App.HumanClientAsync("malformed-reviewer-" + _faker.Random.AlphaNumeric(6).ToLowerInvariant(), "sre");
        ParkedRunId = await Agent.StartAsync("parked");
        var gatedRun = await Agent.StartAsync("gated");
        GateId = await GateOfAsync(gatedRun);
    }

    public async Task DisposeAsync()
    {
        Agent.Dispose();
        Reviewer.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>Values for the route parameters the API uses today; any other name gets a random id (a 404 is then the honest answer).</summary>
    public string ValueFor(string parameter) => parameter switch
    {
        "runbookId" => "typed",
        "runId" => ParkedRunId,
        "eventName" => "go",
        "gateId" => GateId,
        _ => "x" + _faker.Random.AlphaNumeric(12).ToLowerInvariant(),
    };

    private async Task<string> GateOfAsync(string runId)
    {
        for (var i = 0; i < 400; i++)
        {
            var items = JsonNode.Parse(await Reviewer.GetStringAsync("/api/approvals?status=pending"))!["items"]!.AsArray();
            if (items.FirstOrDefault(g => g!["run_id"]!.GetValue<string>() == runId) is { } gate) return gate["id"]!.GetValue<string>();
            await Task.Delay(50);
        }
        throw new TimeoutException($"run {runId} opened no gate");
    }
}
