using System.Diagnostics;

namespace RunbookOrchestrator.Tests.Process;

/// <summary>Starts the real server with some environment and waits for it to refuse to start: exit code, console output,
/// and whether it created its database before refusing.</summary>
public static class RefusedStart
{
    public sealed record Outcome(int ExitCode, string Output, bool DatabaseCreated);

    public static async Task<Outcome> RunAsync(IReadOnlyDictionary<string, string> environment)
    {
        var root = Directory.CreateTempSubdirectory("rbo-refuse-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root };
            start.ArgumentList.Add(ServerProcess.ServerAssembly());
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add("http://127.0.0.1:0");
            start.Environment["RBO_DATA_DIR"] = Path.Combine(root, "data");
            start.Environment["Orchestrator__Demo"] = "false";
            start.Environment["DOTNET_NOLOGO"] = "1";
            foreach (var (key, value) in environment) start.Environment[key] = value;
            using var process = System.Diagnostics.Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new Xunit.Sdk.XunitException("the server started instead of refusing; environment: " + string.Join(", ", environment.Keys));
            }
            return new Outcome(process.ExitCode, await stderr + await stdout, File.Exists(Path.Combine(root, "data", "orchestrator.db")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
