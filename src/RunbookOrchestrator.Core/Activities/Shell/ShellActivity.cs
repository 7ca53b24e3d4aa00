using RunbookOrchestrator.Definitions;
using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RunbookOrchestrator.Activities.Shell;

/// <summary><c>shell</c>: runs one program from an argument list (no shell in between), with a timeout and capped output.</summary>
public sealed class ShellActivity(IOptions<ActivityOptions> options) : IActivity
{
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

    public ActivityDescriptor Descriptor { get; } = new(
        "shell",
        "Runs a program with an argument list; no shell interprets it.",
        [
            new ActivityParameter("command", "array", true, "Program and arguments, e.g. [\"/usr/bin/df\", \"-h\"]"),
            new ActivityParameter("working_directory", "string", false, "Directory to run in"),
            new ActivityParameter("env", "object", false, "Extra environment variables (the server's own environment is not passed on)"),
            new ActivityParameter("timeout", "duration", false, "Default 60s; the whole process tree is killed when it passes"),
            new ActivityParameter("max_output_bytes", "int", false, "Cap for stdout and for stderr each (default 65536)"),
        ],
        [Outcomes.Done, Outcomes.Failed],
        DefaultPrivilege: "infra");

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        ProcessStartInfo start;
        TimeSpan timeout;
        int maxOutput;
        try
        {
            var reader = new ParameterReader(context.Parameters);
            var argv = ReadCommand(reader);
            timeout = reader.Duration("timeout", options.Value.ShellTimeout);
            maxOutput = reader.Int("max_output_bytes", options.Value.ShellMaxOutputBytes, min: 0);
            start = StartInfo(argv, reader.OptionalString("working_directory"), ShellEnvironment.Build(reader.Object("env"), context.IdempotencyKey));
        }
        catch (ParameterException ex)
        {
            return ActivityResult.Fail(ex.Message);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            return ActivityResult.Fail($"could not start '{start.FileName}': {ex.Message}");
        }
        // Arguments may carry secrets, so only the program name is logged.
        context.Logger.LogInformation("Started {Program} (pid {Pid}) for run {RunId} step {StepId}", start.FileName, process.Id, context.RunId, context.Step.Id);
        process.StandardInput.Close();

        var stdout = new CappedOutput(maxOutput);
        var stderr = new CappedOutput(maxOutput);
        using var drainStop = new CancellationTokenSource();
        var draining = Task.WhenAll(
            stdout.DrainAsync(process.StandardOutput.BaseStream, drainStop.Token),
            stderr.DrainAsync(process.StandardError.BaseStream, drainStop.Token));

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            timedOut = !cancellationToken.IsCancellationRequested;
        }

        // A grandchild that escaped the tree kill could hold the pipes open; do not wait on it for ever.
        drainStop.CancelAfter(DrainGrace);
        try
        {
            await draining;
        }
        catch (OperationCanceledException)
        {
        }
        cancellationToken.ThrowIfCancellationRequested();

        var exitCode = process.ExitCode;
        var output = new JsonObject
        {
            ["exit_code"] = exitCode,
            ["stdout"] = stdout.Text,
            ["stderr"] = stderr.Text,
            ["stdout_truncated"] = stdout.Truncated,
            ["stderr_truncated"] = stderr.Truncated,
        };
        context.Logger.LogInformation("{Program} (pid {Pid}) ended with exit code {ExitCode}", start.FileName, process.Id, exitCode);

        if (timedOut) return ActivityResult.Fail($"timed out after {DurationText.Format(timeout)}", retryable: true, output);
        return exitCode == 0 ? ActivityResult.Done(output) : ActivityResult.Fail($"'{start.FileName}' exited with code {exitCode}", output: output);
    }

    private static IReadOnlyList<string> ReadCommand(ParameterReader reader)
    {
        var raw = reader.Raw("command");
        if (raw is null) throw new ParameterException("command", "parameter 'command' is required");
        if (raw is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            throw new ParameterException("command", "command must be a list of arguments");
        var argv = reader.StringList("command")!;
        if (argv.Count == 0 || argv[0].Length == 0) throw new ParameterException("command", "command must name a program as its first item");
        return argv;
    }

    private static ProcessStartInfo StartInfo(IReadOnlyList<string> argv, string? workingDirectory, IReadOnlyDictionary<string, string> env)
    {
        if (workingDirectory is not null && !Directory.Exists(workingDirectory))
            throw new ParameterException("working_directory", $"working_directory '{workingDirectory}' does not exist");
        var start = new ProcessStartInfo(argv[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var arg in argv.Skip(1)) start.ArgumentList.Add(arg);
        start.Environment.Clear();
        foreach (var (name, value) in env) start.Environment[name] = value;
        return start;
    }
}
