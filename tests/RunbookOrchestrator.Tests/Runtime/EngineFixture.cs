using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Runtime;

/// <summary>One running orchestrator with the engine runbooks and one recording HTTP server, shared by the engine tests.</summary>
public sealed class EngineFixture : IAsyncLifetime
{
    public const int MaxExecutionsPerRun = 50;

    public OrchestratorApp App { get; } = new OrchestratorApp(EngineRunbooks.All)
        .With("Orchestrator:Runtime:MaxExecutionsPerRun", MaxExecutionsPerRun.ToString());

    public RecordingServer Server { get; } = new();

    public HttpClient Agent { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Server.StartAsync();
        Agent = await App.AgentClientAsync("engine-tests");
    }

    public async Task DisposeAsync()
    {
        Agent.Dispose();
        await App.DisposeAsync();
        await Server.DisposeAsync();
    }
}

/// <summary>Engine test classes share one app: starting it costs about a second.</summary>
[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "engine";
}
