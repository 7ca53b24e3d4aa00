using System.Text.Json.Nodes;
using RunbookOrchestrator.Activities;

namespace RunbookOrchestrator.Tests.Activities.Shell;

public sealed class ShellActivityTests : IDisposable
{
    private readonly ActivityTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private Task<ActivityResult> Run(JsonObject parameters, string runId = "run-1", string stepId = "step-1", int attempt = 1) =>
        _host.RunAsync("shell", parameters, stepId, runId, attempt);

    private static JsonArray Argv(params string[] argv) => new(argv.Select(a => (JsonNode?)a).ToArray());

    [Fact]
    public async Task Program_output_is_captured_and_outcome_is_done()
    {
        var output = ResultAssert.Done(await Run(new JsonObject { ["command"] = Argv("/bin/echo", "hello", "world") }));

        Assert.Equal("hello world\n", (string?)output!["stdout"]);
        Assert.Equal(0, (int)output["exit_code"]!);
    }

    [Fact]
    public async Task Arguments_reach_the_program_without_a_shell_interpreting_them()
    {
        var output = ResultAssert.Done(await Run(new JsonObject { ["command"] = Argv("/bin/echo", "$HOME; rm -rf / `id`") }));

        Assert.Equal("$HOME; rm -rf / `id`\n", (string?)output!["stdout"]);
    }

    [Fact]
    public async Task Command_given_as_a_string_is_refused()
    {
        var fault = ResultAssert.Faulted(await Run(new JsonObject { ["command"] = "echo hello" }));

        Assert.Equal("command must be a list of arguments", fault.Error);
    }

    [Fact]
    public async Task Process_running_past_its_timeout_is_killed_with_its_children()
    {
        var result = await Run(new JsonObject
        {
            ["command"] = Argv("/bin/sh", "-c", "sleep 10 & echo $!; wait"),
            ["timeout"] = "1s",
        });

        var fault = ResultAssert.Faulted(result);
        Assert.Equal("timed out after 1s", fault.Error);
        var sleeperPid = int.Parse(((string)fault.Output!["stdout"]!).Trim());
        Assert.True(await IsGoneAsync(sleeperPid), $"child process {sleeperPid} is still running");
    }

    [Fact]
    public async Task Non_zero_exit_is_a_fault_that_is_not_retried_and_keeps_the_output()
    {
        var fault = ResultAssert.Faulted(await Run(new JsonObject { ["command"] = Argv("/bin/sh", "-c", "echo partial; echo broken >&2; exit 3") }));

        Assert.False(fault.Retryable);
        Assert.Equal("'/bin/sh' exited with code 3", fault.Error);
        Assert.Equal(3, (int)fault.Output!["exit_code"]!);
        Assert.Equal("partial\n", (string?)fault.Output["stdout"]);
        Assert.Equal("broken\n", (string?)fault.Output["stderr"]);
    }

    [Fact]
    public async Task Output_beyond_the_cap_is_cut_and_marked_truncated()
    {
        var output = ResultAssert.Done(await Run(new JsonObject
        {
            ["command"] = Argv("/bin/sh", "-c", "head -c 200000 /dev/zero | tr '\\0' 'a'"),
            ["max_output_bytes"] = 1000,
        }));

        Assert.Equal(1000, ((string)output!["stdout"]!).Length);
        Assert.True((bool)output["stdout_truncated"]!);
        Assert.False((bool)output["stderr_truncated"]!);
    }

    [Fact]
    public async Task Server_environment_is_not_passed_to_the_process()
    {
        Environment.SetEnvironmentVariable("RBO_TEST_SERVER_SECRET", "do-not-leak");

        var output = ResultAssert.Done(await Run(new JsonObject { ["command"] = Argv("/usr/bin/env") }));

        var names = ((string)output!["stdout"]!).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=')[0]).Order().ToArray();
        Assert.Equal(["HOME", "LANG", "PATH", "RBO_IDEMPOTENCY_KEY"], names);
    }

    [Fact]
    public async Task Idempotency_key_and_step_env_are_passed_to_the_process()
    {
        var output = ResultAssert.Done(await Run(
            new JsonObject { ["command"] = Argv("/usr/bin/env"), ["env"] = new JsonObject { ["TARGET"] = "db-01", ["REPLICAS"] = 3 } },
            "run-9", "restart", 2));

        var lines = ((string)output!["stdout"]!).Split('\n');
        Assert.Contains("RBO_IDEMPOTENCY_KEY=run-9:restart:2", lines);
        Assert.Contains("TARGET=db-01", lines);
        Assert.Contains("REPLICAS=3", lines);
    }

    [Fact]
    public async Task Process_runs_in_the_given_working_directory()
    {
        var directory = Directory.CreateTempSubdirectory("rbo-shell-");
        try
        {
            var output = ResultAssert.Done(await Run(new JsonObject { ["command"] = Argv("/bin/pwd"), ["working_directory"] = directory.FullName }));

            Assert.Equal(directory.FullName, ((string)output!["stdout"]!).Trim());
        }
        finally
        {
            directory.Delete();
        }
    }

    [Fact]
    public async Task Missing_working_directory_is_named_in_the_fault()
    {
        var fault = ResultAssert.Faulted(await Run(new JsonObject { ["command"] = Argv("/bin/pwd"), ["working_directory"] = "/no/such/dir" }));

        Assert.Equal("working_directory '/no/such/dir' does not exist", fault.Error);
    }

    [Fact]
    public async Task Program_that_does_not_exist_is_named_in_the_fault()
    {
        var fault = ResultAssert.Faulted(await Run(new JsonObject { ["command"] = Argv("/no/such/program") }));

        Assert.StartsWith("could not start '/no/such/program'", fault.Error);
    }

    [Fact]
    public void Shell_steps_are_privileged_as_infra_by_default()
    {
        Assert.Equal("infra", _host.Activity("shell").Descriptor.DefaultPrivilege);
    }

    // The kill is sent before the activity returns, but the kernel may take a moment to tear the child down.
    private static async Task<bool> IsGoneAsync(int pid)
    {
        for (var i = 0; i < 50; i++)
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat)) return true;
            try
            {
                var text = await File.ReadAllTextAsync(stat);
                var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
                if (state is "Z" or "X") return true;
            }
            catch (IOException)
            {
                return true;
            }
            await Task.Delay(100);
        }
        return false;
    }
}
