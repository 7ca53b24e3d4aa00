using System.Diagnostics;
using RunbookOrchestrator.Server.Identity;
using RunbookOrchestrator.Tests.Process;

namespace RunbookOrchestrator.Tests.Identity;

/// <summary>A malformed bootstrap variable stops the real server at start, naming the variable and the expected shape, never the value.</summary>
public sealed class BootstrapSettingsRefuseStartTests
{
    [Theory]
    [InlineData("RBO_BOOTSTRAP_AGENT_KEY", "rbo_short_secret-value-123", "rbo_<8 lower-case letters or digits>_<43 base64url characters>")]
    [InlineData("RBO_BOOTSTRAP_AGENT_KEY", "secret-value-123", "rbo_<8 lower-case letters or digits>_<43 base64url characters>")]
    [InlineData("RBO_BOOTSTRAP_USERS", "alice-secret-value-123", "expected name:token or name:token:group1,group2")]
    [InlineData("RBO_BOOTSTRAP_USERS", "Аlice:secret-value-123:sre", "outside ASCII")]
    public async Task Malformed_bootstrap_variable_stops_the_server_naming_it(string variable, string value, string expectedShape)
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
            start.Environment[variable] = value;
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
                Assert.Fail($"the server started despite a malformed {variable}");
            }
            var output = await stderr + await stdout;

            Assert.Equal(2, process.ExitCode);
            Assert.Contains($"cannot start: {variable}", output);
            Assert.Contains(expectedShape, output);
            Assert.DoesNotContain("secret-value-123", output);
            Assert.DoesNotContain("   at ", output);
            Assert.False(File.Exists(Path.Combine(root, "data", "orchestrator.db")), "nothing is created before the check");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Well_formed_or_absent_bootstrap_variables_let_the_server_start()
    {
        var key = RunbookOrchestrator.Identity.ApiKeyFormat.Generate().Reveal();
        var values = new Dictionary<string, string?> { ["RBO_BOOTSTRAP_AGENT_KEY"] = key, ["RBO_BOOTSTRAP_USERS"] = "alice:token-a:sre;bob:token-b" };

        Assert.Empty(BootstrapEnvironment.Problems(values.GetValueOrDefault));
        Assert.Empty(BootstrapEnvironment.Problems(_ => null));
    }
}
