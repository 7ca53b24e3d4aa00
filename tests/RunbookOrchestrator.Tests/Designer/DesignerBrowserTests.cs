using System.Diagnostics;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Server.Cli;
using RunbookOrchestrator.Tests.Process;

namespace RunbookOrchestrator.Tests.Designer;

/// <summary>The designer in a real browser (Debian's Chromium, driven by playwright-core from designer/e2e) against the real server
/// as a process with the repository's runbooks and policies: sign in, see the gates, watch a run wait and finish, decide from
/// the inbox. Screenshots are kept in artifacts/screenshots.</summary>
public sealed class DesignerBrowserTests
{
    [Fact]
    public async Task People_see_where_runbooks_pause_watch_a_run_wait_at_its_gate_and_approve_it_from_the_inbox()
    {
        var root = ServerProcess.RepositoryRoot();
        var runbooks = Directory.GetFiles(Path.Combine(root, "runbooks")).Select(f => (Path.GetFileName(f), File.ReadAllText(f)));
        await using var server = new ServerProcess(runbooks, new Dictionary<string, string>
        {
            ["Orchestrator__Demo"] = "true",
            ["Orchestrator__DesignerDirectory"] = Path.Combine(root, "designer", "dist"),
        });
        await server.StartAsync();
        var people = new JsonObject();
        foreach (var (role, name, group) in new[] { ("operator", "olivia", "operators"), ("approver", "dana", "data-owners"), ("owner", "oscar", "data-owners") })
        {
            var password = $"pw-{Guid.NewGuid():N}";
            Assert.Equal(0, await Cli(server, new UsersCommand(), ["add", name, "--groups", group], ""));
            Assert.Equal(0, await Cli(server, new UsersCommand(), ["set-password", name], password + "\n"));
            people[role] = new JsonObject { ["name"] = name, ["password"] = password };
        }
        var output = new StringWriter();
        Assert.Equal(0, await new KeysCommand().RunAsync(["create", "--agent", "report-bot", "--owner", "oscar", "--runbooks", "export-customer-data"],
            new CliConsole(new StringReader(""), output, new StringWriter()) { DataDirectory = server.DataDirectory }));
        var agentKey = output.ToString().Split('\n').Select(l => l.Trim()).Last(l => l.StartsWith("rbo_", StringComparison.Ordinal));
        var screenshots = Path.Combine(root, "artifacts", "screenshots");

        var input = new JsonObject
        {
            ["baseUrl"] = server.BaseAddress.ToString().TrimEnd('/'),
            ["operator"] = people["operator"]!.DeepClone(),
            ["approver"] = people["approver"]!.DeepClone(),
            ["owner"] = people["owner"]!.DeepClone(),
            ["agentKey"] = agentKey,
            ["screenshots"] = screenshots,
        };
        var (exit, log) = await RunNodeAsync(Path.Combine(root, "designer"), "e2e/designer.e2e.mjs", input.ToJsonString());

        Assert.True(exit == 0, $"the browser test failed:\n{log}\n--- server ---\n{server.Output[^Math.Min(server.Output.Length, 4000)..]}");
        Assert.All(new[] { "runbook-view.png", "run-waiting-at-gate.png", "inbox.png" }, f => Assert.True(new FileInfo(Path.Combine(screenshots, f)).Length > 10_000, f));
    }

    /// <summary>A runbook as a person wrote it in Git: comments and layout the editor must keep.</summary>
    private const string MaintenanceDrill = """
        # Maintenance drill: written by hand, edited in the designer.
        id: maintenance-drill
        version: 1
        title: Maintenance drill
        description: Announce a maintenance window, then act on it
        owners: [data-owners]
        inputs:
          window: { type: string, required: true, description: When the maintenance happens }
        steps:
          # Tell people first.
          - id: announce
            uses: notify
            with:
              channel: log
              message: "Maintenance {{ inputs.window }} requested by {{ requester.name }}"   # kept as written

        """;

    [Fact]
    public async Task A_designer_adds_a_gate_and_a_call_in_the_browser_saves_a_new_version_and_dry_runs_it_while_a_reader_cannot_edit()
    {
        var root = ServerProcess.RepositoryRoot();
        var runbooks = Directory.GetFiles(Path.Combine(root, "runbooks")).Select(f => (Path.GetFileName(f), File.ReadAllText(f)))
            .Append(("maintenance-drill.yaml", MaintenanceDrill));
        await using var server = new ServerProcess(runbooks, new Dictionary<string, string>
        {
            ["Orchestrator__Demo"] = "true",
            ["Orchestrator__DesignerDirectory"] = Path.Combine(root, "designer", "dist"),
        });
        await server.StartAsync();
        var people = new JsonObject();
        foreach (var (role, name, groups) in new[] { ("designer", "devon", "designers,data-owners"), ("reader", "rita", "data-owners") })
        {
            var password = $"pw-{Guid.NewGuid():N}";
            Assert.Equal(0, await Cli(server, new UsersCommand(), ["add", name, "--groups", groups], ""));
            Assert.Equal(0, await Cli(server, new UsersCommand(), ["set-password", name], password + "\n"));
            people[role] = new JsonObject { ["name"] = name, ["password"] = password };
        }
        var screenshots = Path.Combine(root, "artifacts", "screenshots");
        var input = new JsonObject
        {
            ["baseUrl"] = server.BaseAddress.ToString().TrimEnd('/'),
            ["designer"] = people["designer"]!.DeepClone(),
            ["reader"] = people["reader"]!.DeepClone(),
            ["screenshots"] = screenshots,
        };

        var (exit, log) = await RunNodeAsync(Path.Combine(root, "designer"), "e2e/editor.e2e.mjs", input.ToJsonString());

        Assert.True(exit == 0, $"the editor's browser test failed:\n{log}\n--- server ---\n{server.Output[^Math.Min(server.Output.Length, 4000)..]}");
        var published = File.ReadAllText(Path.Combine(server.RunbooksDirectory, "maintenance-drill.yaml"));
        Assert.Contains("version: 2", published);
        Assert.Contains("# kept as written", published);
        Assert.All(new[] { "editor.png", "editor-error.png", "editor-dry-run.png" }, f => Assert.True(new FileInfo(Path.Combine(screenshots, f)).Length > 10_000, f));
    }

    private static Task<int> Cli(ServerProcess server, ICliCommand command, string[] args, string stdin) =>
        command.RunAsync(args, new CliConsole(new StringReader(stdin), new StringWriter(), new StringWriter()) { DataDirectory = server.DataDirectory });

    private static async Task<(int Exit, string Log)> RunNodeAsync(string folder, string script, string input)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(input);
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, await stdout + await stderr + "\n(timed out after 3 minutes)");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
