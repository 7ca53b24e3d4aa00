using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Identity;

namespace RunbookOrchestrator.Bench.Engine;

/// <summary>The Release server as a separate process on 127.0.0.1 over a temporary data folder, so its memory and CPU are its own.</summary>
public sealed class BenchServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _agentKey;
    private bool _disposing;

    private BenchServer(Process process, string root, Uri baseAddress, string agentKey, IReadOnlyDictionary<string, string> environment)
    {
        _environment = environment;
        _agentKey = agentKey;
        _process = process;
        // A server that dies mid-benchmark (crash, or killed from outside) would otherwise leave the benchmark polling until its timeout.
        _process.Exited += (_, _) =>
        {
            if (_disposing) return;
            Console.Error.WriteLine($"the server process exited unexpectedly with code {_process.ExitCode}; no figure is valid");
            Environment.Exit(3);
        };
        Root = root;
        BaseAddress = baseAddress;
        Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", agentKey);
    }

    public string Root { get; }
    public Uri BaseAddress { get; }
    public HttpClient Client { get; }
    public string DatabasePath => Path.Combine(Root, "data", "orchestrator.db");

    /// <summary>Resident memory of the server process right now.</summary>
    public long WorkingSetBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    /// <summary>CPU time the server process has used so far: unlike wall time, it does not depend on what else the machine runs.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Waits until the server has used less than 5 % of a core over a quarter of a second (at most 15 s): work that
    /// the last phase left behind (timers removed, leases let go after commits) is not counted in the next one's CPU.</summary>
    public async Task WaitForIdleAsync()
    {
        var limit = DateTime.UtcNow.AddSeconds(15);
        var last = CpuTime;
        while (DateTime.UtcNow < limit)
        {
            await Task.Delay(250);
            var now = CpuTime;
            if (now - last < TimeSpan.FromMilliseconds(12.5)) return;
            last = now;
        }
    }

    public static Task<BenchServer> StartAsync(params (string File, string Yaml)[] runbooks) =>
        StartAsync(new Dictionary<string, string>(), runbooks);

    /// <summary>Starts the server with extra environment variables (for example <c>RBO_BOOTSTRAP_USERS</c>) on top of the bench defaults.</summary>
    public static async Task<BenchServer> StartAsync(IReadOnlyDictionary<string, string> environment, params (string File, string Yaml)[] runbooks)
    {
        var root = Directory.CreateTempSubdirectory("rbo-bench-").FullName;
        var runbooksDir = Path.Combine(root, "runbooks");
        Directory.CreateDirectory(runbooksDir);
        Directory.CreateDirectory(Path.Combine(root, "data"));
        foreach (var (file, yaml) in runbooks) await File.WriteAllTextAsync(Path.Combine(runbooksDir, file), yaml);
        return await LaunchAsync(root, ApiKeyFormat.Generate().Reveal(), environment);
    }

    /// <summary>Kills this server with SIGKILL (no shutdown, no flush) and starts a new one on the same data folder; use the returned
    /// server from then on (this one no longer owns the folder).</summary>
    public async Task<BenchServer> KillAndRestartAsync()
    {
        _disposing = true;
        Client.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        return await LaunchAsync(Root, _agentKey, _environment);
    }

    private static async Task<BenchServer> LaunchAsync(string root, string agentKey, IReadOnlyDictionary<string, string> environment)
    {
        var runbooksDir = Path.Combine(root, "runbooks");
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ServerAssembly());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        start.Environment["RBO_DATA_DIR"] = Path.Combine(root, "data");
        start.Environment["RBO_BOOTSTRAP_AGENT_KEY"] = agentKey;
        start.Environment["Orchestrator__RunbooksDirectory"] = runbooksDir;
        start.Environment["Orchestrator__Demo"] = "false";
        start.Environment["Orchestrator__Runtime__NodeId"] = "bench-node";
        // Per-run information logs would measure the console, not the engine.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment) start.Environment[name] = value;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) Console.Error.WriteLine($"[server] {e.Data}"); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new BenchServer(process, root, baseAddress, agentKey, environment);
        await server.WaitUntilHealthyAsync();
        return server;
    }

    /// <summary>A second client on the same server that authenticates with another bearer token (a bootstrap human's, say).</summary>
    public HttpClient CreateClient(string bearerToken)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        return client;
    }

    /// <summary>Triggers one run and returns its id.</summary>
    public Task<string> StartRunAsync(string runbook, CancellationToken cancellationToken = default) =>
        StartRunAsync(runbook, new JsonObject(), cancellationToken);

    /// <summary>Triggers one run with inputs and returns its id.</summary>
    public async Task<string> StartRunAsync(string runbook, JsonObject inputs, CancellationToken cancellationToken = default)
    {
        using var response = await Client.PostAsJsonAsync($"/api/runbooks/{runbook}/runs", new JsonObject { ["inputs"] = inputs.DeepClone(), ["reason"] = "bench" }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"trigger {runbook} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["run_id"]!.GetValue<string>();
    }

    public async Task SendEventAsync(string runId, string eventName, CancellationToken cancellationToken = default)
    {
        using var response = await Client.PostAsJsonAsync($"/api/runs/{runId}/events/{eventName}", new { }, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw new InvalidOperationException($"event for {runId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    public async ValueTask DisposeAsync()
    {
        _disposing = true;
        Client.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the server exited with code {_process.ExitCode} while starting");
            try
            {
                using var response = await Client.GetAsync("/health");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("the server did not answer /health within 90s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // RBO_BENCH_SERVER names another build's server (the path of its RunbookOrchestrator.Server.dll), so two builds can be
    // compared with the same benchmark code, run alternately on the same machine.
    private static string ServerAssembly()
    {
        if (Environment.GetEnvironmentVariable("RBO_BENCH_SERVER") is { Length: > 0 } other)
            return File.Exists(other) ? Path.GetFullPath(other) : throw new FileNotFoundException($"RBO_BENCH_SERVER names no file: {other}");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "RunbookOrchestrator.sln"))) continue;
            var path = Path.Combine(dir.FullName, "src", "RunbookOrchestrator.Server", "bin", "Release", "net10.0", "RunbookOrchestrator.Server.dll");
            if (!File.Exists(path)) throw new FileNotFoundException($"build the server first: dotnet build -c Release src/RunbookOrchestrator.Server (looked for {path})");
            return path;
        }
        throw new DirectoryNotFoundException($"no RunbookOrchestrator.sln above {AppContext.BaseDirectory}");
    }
}
