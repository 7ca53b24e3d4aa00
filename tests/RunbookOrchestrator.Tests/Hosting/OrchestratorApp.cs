using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Identity;
using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Server.Persistence;

namespace RunbookOrchestrator.Tests.Hosting;

/// <summary>The real server in-process (real SQLite file, real Hangfire timers, real engine) over a fresh data and runbooks folder.</summary>
public sealed class OrchestratorApp : WebApplicationFactory<Program>
{
    public string Root { get; } = Directory.CreateTempSubdirectory("rbo-test-").FullName;
    public string DataDirectory => Path.Combine(Root, "data");
    public string RunbooksDirectory => Path.Combine(Root, "runbooks");
    private readonly Dictionary<string, string> _settings = new();
    private readonly List<Microsoft.Extensions.Logging.ILoggerProvider> _logSinks = [];
    private Func<DelegatingHandler>? _clientHandler;

    public OrchestratorApp(params (string File, string Yaml)[] runbooks)
    {
        Directory.CreateDirectory(RunbooksDirectory);
        foreach (var (file, yaml) in runbooks) File.WriteAllText(Path.Combine(RunbooksDirectory, file), yaml);
    }

    public OrchestratorApp With(string key, string value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Adds a logging provider the way any sink is added, so it sees exactly what the server logs.</summary>
    public OrchestratorApp LogTo(Microsoft.Extensions.Logging.ILoggerProvider sink)
    {
        _logSinks.Add(sink);
        return this;
    }

    /// <summary>Puts a handler (such as a recorder of every response) in front of the clients this app hands out.</summary>
    public OrchestratorApp HandleClientsWith(Func<DelegatingHandler> handler)
    {
        _clientHandler = handler;
        return this;
    }

    private HttpClient NewClient() => _clientHandler is { } handler ? CreateDefaultClient(handler()) : CreateClient();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var sink in _logSinks) builder.ConfigureServices(s => s.AddSingleton(sink));
        builder.ConfigureServices(s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider, ServerTroubles>());
        builder.UseSetting("Orchestrator:DataDirectory", DataDirectory);
        builder.UseSetting("Orchestrator:RunbooksDirectory", RunbooksDirectory);
        builder.UseSetting("Orchestrator:Demo", "false");
        builder.UseSetting("Orchestrator:Runtime:PollInterval", "00:00:00.200");
        builder.UseSetting("Orchestrator:Runtime:NodeId", "test-node");
        // Tests' receivers and probed services listen on 127.0.0.1; a test about refusals sets its own list.
        builder.UseSetting("Egress:Allow:0", "127.0.0.1/32");
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
    }

    /// <summary>An HTTP client authenticated as a new agent key allowed <paramref name="runbooks"/> (all when empty).</summary>
    public Task<HttpClient> AgentClientAsync(string agent = "test-agent", params string[] runbooks) =>
        AgentClientOwnedByAsync(agent, $"{agent}-owner", runbooks);

    /// <summary>An HTTP client authenticated as a new agent key whose accountable owner is spelled <paramref name="owner"/>.</summary>
    public async Task<HttpClient> AgentClientOwnedByAsync(string agent, string owner, params string[] runbooks)
    {
        var client = NewClient();
        await using var scope = Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IAgentKeyStore>();
        var issued = await store.IssueAsync(new AgentKeyRequest(agent, owner, runbooks.Length == 0 ? [AgentKey.AllRunbooks] : runbooks));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.RawKey);
        return client;
    }

    /// <summary>An HTTP client authenticated as a new human user in <paramref name="groups"/>, with a personal token.</summary>
    public async Task<HttpClient> HumanClientAsync(string name, params string[] groups)
    {
        var client = NewClient();
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RunbookOrchestrator.Identity.Humans.IHumanUserStore>()
            .AddAsync(new RunbookOrchestrator.Identity.Humans.HumanUser(name, name, null, groups, false));
        var issued = await scope.ServiceProvider.GetRequiredService<RunbookOrchestrator.Identity.Humans.IUserTokenStore>().IssueAsync(name);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.RawToken);
        return client;
    }

    public async Task<int> CountRunsAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<OrchestratorDbContext>>().CreateDbContextAsync();
        return await db.Runs.CountAsync();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Helpers for driving runs over the HTTP API in tests.</summary>
public static class RunClient
{
    public static async Task<string> StartAsync(this HttpClient client, string runbook, object? inputs = null, string? reason = "test", string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/runbooks/{runbook}/runs")
        {
            Content = JsonContent.Create(new { inputs = inputs ?? new { }, reason }),
        };
        if (idempotencyKey != null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 202) throw new InvalidOperationException($"start {runbook} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["run_id"]!.GetValue<string>();
    }

    public static async Task<JsonObject> GetRunAsync(this HttpClient client, string runId) =>
        (JsonObject)JsonNode.Parse(await client.GetStringAsync($"/api/runs/{runId}"))!;

    /// <summary>Polls the run until <paramref name="until"/> holds; fails with the last state seen after the timeout.</summary>
    public static async Task<JsonObject> WaitForAsync(this HttpClient client, string runId, Func<JsonObject, bool> until, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        JsonObject run;
        do
        {
            run = await client.GetRunAsync(runId);
            if (until(run)) return run;
            await Task.Delay(50);
        } while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"run {runId} did not reach the expected state; last: {run.ToJsonString()}\nRecent server warnings and errors:\n{ServerTroubles.Last()}");
    }

    public static Task<JsonObject> WaitForEndAsync(this HttpClient client, string runId, int timeoutSeconds = 30) =>
        client.WaitForAsync(runId, r => r["status"]!.GetValue<string>() is "succeeded" or "failed" or "cancelled", timeoutSeconds);

    public static string Status(this JsonObject run) => run["status"]!.GetValue<string>();
}
