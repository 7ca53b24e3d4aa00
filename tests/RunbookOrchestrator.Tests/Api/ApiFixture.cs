using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Api;

/// <summary>One running orchestrator with two small runbooks, shared by the API input tests.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public OrchestratorApp App { get; } = new(
        ("typed.yaml", """
            id: typed
            version: 1
            title: Typed inputs
            inputs:
              count: { type: int, required: true }
              label: { type: string, default: none }
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
            """));

    public HttpClient Agent { get; private set; } = null!;

    public async Task InitializeAsync() => Agent = await App.AgentClientAsync("api-tests");

    public async Task DisposeAsync()
    {
        Agent.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>A client presenting no API key at all.</summary>
    public HttpClient Anonymous() => App.CreateClient();

    /// <summary>A client presenting <paramref name="rawKey"/> as its bearer key.</summary>
    public HttpClient WithKey(string rawKey)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", rawKey);
        return client;
    }

    public async Task<int> CountSignalsAsync(string runId)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<OrchestratorDbContext>>().CreateDbContextAsync();
        return await db.RunSignals.CountAsync(s => s.RunId == runId);
    }
}

/// <summary>API test classes share one app: starting it costs about a second.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}

/// <summary>Checks that a response is an RFC 9457 problem with the expected status and returns its detail.</summary>
internal static class Problems
{
    public static async Task<JsonObject> AssertProblemAsync(this HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (JsonObject)JsonNode.Parse(body)!;
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        return problem;
    }

    public static string Detail(this JsonObject problem) => problem["detail"]!.GetValue<string>();
}
