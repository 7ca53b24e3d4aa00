using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using RunbookOrchestrator.Tests.Process;

namespace RunbookOrchestrator.Tests.Identity.Sessions;

/// <summary>The real OpenID Connect provider of tests/oidc-provider (panva/oidc-provider) as a node process on a free loopback port.</summary>
public sealed class OidcTestProvider : IAsyncDisposable
{
    public const string ClientId = "rbo";
    public const string ClientSecret = "rbo-test-client-secret-0123456789";

    private readonly System.Diagnostics.Process _process;
    private readonly StringBuilder _output = new();

    private OidcTestProvider(System.Diagnostics.Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }
    public string Issuer => $"http://127.0.0.1:{Port}";

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts the provider for a relying party whose callback is <paramref name="redirectUri"/>.</summary>
    public static async Task<OidcTestProvider> StartAsync(string redirectUri)
    {
        var root = ServerProcess.RepositoryRoot();
        var folder = Path.Combine(root, "tests", "oidc-provider");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "oidc-provider")))
            throw new InvalidOperationException("tests/oidc-provider has no node_modules: run scripts/test.sh, which installs them (npm ci)");
        var port = Hosting.LoopbackWebApp.FreePort();
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("server.mjs");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(redirectUri);
        var process = new System.Diagnostics.Process { StartInfo = start };
        var provider = new OidcTestProvider(process, port);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => { provider.Append(e.Data); if (e.Data == "ready") ready.TrySetResult(); };
        process.ErrorDataReceived += (_, e) => provider.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (await Task.WhenAny(ready.Task, Task.Delay(TimeSpan.FromSeconds(30))) != ready.Task)
        {
            await provider.DisposeAsync();
            throw new TimeoutException($"the OIDC provider did not start within 30 s:\n{provider.Output}");
        }
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

}
