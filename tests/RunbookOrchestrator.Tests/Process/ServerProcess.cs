using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using RunbookOrchestrator.Identity;

namespace RunbookOrchestrator.Tests.Process;

/// <summary>The real server as a child process (<c>dotnet RunbookOrchestrator.Server.dll</c>) over its own temporary data and runbooks
/// folders: started, killed with SIGKILL and restarted on the same data, with its console output kept for diagnostics.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const int MaxOutputChars = 256 * 1024;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly StringBuilder _output = new();
    private readonly Dictionary<string, string> _settings;
    private System.Diagnostics.Process? _process;

    /// <summary>Writes the runbook files and prepares the folders; call <see cref="StartAsync"/> to run the server.</summary>
    public ServerProcess(IEnumerable<(string File, string Yaml)> runbooks, IReadOnlyDictionary<string, string>? settings = null)
    {
        Root = Directory.CreateTempSubdirectory("rbo-process-").FullName;
        Directory.CreateDirectory(DataDirectory);
        Directory.CreateDirectory(RunbooksDirectory);
        foreach (var (file, yaml) in runbooks) File.WriteAllText(Path.Combine(RunbooksDirectory, file), yaml);
        _settings = settings?.ToDictionary() ?? new Dictionary<string, string>();
        AgentKey = ApiKeyFormat.Generate().Reveal();
    }

    public string Root { get; }
    public string DataDirectory => Path.Combine(Root, "data");
    public string RunbooksDirectory => Path.Combine(Root, "runbooks");
    public string DatabasePath => Path.Combine(DataDirectory, "orchestrator.db");

    /// <summary>The raw bootstrap agent key the server creates on start (all runbooks).</summary>
    public string AgentKey { get; }

    /// <summary>Base address of the running server, e.g. <c>http://127.0.0.1:41234</c>; a restart picks a new port.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Authenticated as the bootstrap agent, addressed at the current server; replaced on every start.</summary>
    public HttpClient Client { get; private set; } = new();

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The server process id while it runs.</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("the server is not running");

    /// <summary>What the server wrote to stdout and stderr so far (the latest part when it wrote a lot).</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>Starts the server and returns once <c>GET /health</c> answers 200.</summary>
    public async Task StartAsync()
    {
        if (IsRunning) throw new InvalidOperationException("the server is already running");
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerAssembly());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        foreach (var (key, value) in Environment(port)) start.Environment[key] = value;

        Append($"--- starting server on port {port} ---");
        var process = new System.Diagnostics.Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        Client.Dispose();
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AgentKey);
        await WaitUntilHealthyAsync(process);
    }

    /// <summary>Kills the server with SIGKILL (no shutdown hooks, no flushing) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is not { } process) return;
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        Append($"--- server killed (exit code {process.ExitCode}) ---");
        process.Dispose();
        _process = null;
    }

    /// <summary>Kills the server if it runs and starts it again on the same data directory.</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        await StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Client.Dispose();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private Dictionary<string, string> Environment(int port)
    {
        var env = new Dictionary<string, string>
        {
            ["RBO_DATA_DIR"] = DataDirectory,
            ["RBO_BOOTSTRAP_AGENT_KEY"] = AgentKey,
            ["Orchestrator__RunbooksDirectory"] = RunbooksDirectory,
            ["Orchestrator__Demo"] = "false",
            ["Orchestrator__Runtime__PollInterval"] = "00:00:00.200",
            ["Orchestrator__Runtime__NodeId"] = "process-test-node",
            ["RBO_CALLBACK_SECRET"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Egress__Allow__0"] = "127.0.0.1/32",
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach (var (key, value) in _settings) env[key] = value;
        return env;
    }

    private async Task WaitUntilHealthyAsync(System.Diagnostics.Process process)
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"the server exited with code {process.ExitCode} while starting; output:\n{Output}");
            try
            {
                using var response = await probe.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the server did not answer /health within {StartTimeout.TotalSeconds:0}s; output:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.AppendLine(line);
            if (_output.Length > MaxOutputChars) _output.Remove(0, _output.Length - MaxOutputChars / 2);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The server built in the same configuration as this test assembly (bin/&lt;Configuration&gt;/net10.0).</summary>
    public static string ServerAssembly()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testBin.Parent?.Name ?? "Debug";
        var path = Path.Combine(RepositoryRoot(), "src", "RunbookOrchestrator.Server", "bin", configuration, testBin.Name, "RunbookOrchestrator.Server.dll");
        if (!File.Exists(path))
            throw new FileNotFoundException($"the server is not built at {path}; run 'dotnet build -c {configuration}' first");
        return path;
    }

    /// <summary>The folder holding RunbookOrchestrator.sln, found by walking up from the test assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RunbookOrchestrator.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no RunbookOrchestrator.sln above {AppContext.BaseDirectory}");
    }
}
