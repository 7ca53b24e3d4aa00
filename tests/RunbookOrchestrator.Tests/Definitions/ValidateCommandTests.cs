using RunbookOrchestrator.Server.Cli;

namespace RunbookOrchestrator.Tests.Definitions;

public class ValidateCommandTests
{
    private static async Task<(int Exit, string Output)> Run(params string[] args)
    {
        var output = new StringWriter();
        var console = new CliConsole(new StringReader(""), output, new StringWriter());
        var exit = await new ValidateCommand(Runbooks.Validator).RunAsync(args, console);
        return (exit, output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_validate_verb_is_discovered_by_name()
    {
        Assert.IsType<ValidateCommand>(CliCommands.Find(["validate", "runbooks"]));
    }

    [Fact]
    public async Task Each_error_is_printed_as_file_line_column_then_a_summary_and_exit_code_1()
    {
        using var dir = new TempRunbookDirectory();
        dir.Write("good.yaml", TempRunbookDirectory.Runbook("good", 1));
        var bad = dir.Write("bad.yaml", TempRunbookDirectory.Runbook("bad", 1).Replace("uses: notify", "uses: notfy"));

        var (exit, output) = await Run(dir.Path);

        Assert.Equal(1, exit);
        Assert.Equal($"{bad}:5:11: step 'say': unknown activity 'notfy' (did you mean 'notify'?)\n2 runbooks, 1 error\n", output);
    }

    [Fact]
    public async Task A_directory_of_valid_runbooks_exits_0()
    {
        using var dir = new TempRunbookDirectory();
        dir.Write("a.yaml", TempRunbookDirectory.Runbook("a", 1));
        dir.Write("b.yml", TempRunbookDirectory.Runbook("b", 1));

        var (exit, output) = await Run(dir.Path);

        Assert.Equal((0, "2 runbooks, 0 errors\n"), (exit, output));
    }

    [Fact]
    public async Task A_path_that_does_not_exist_is_an_error()
    {
        var (exit, output) = await Run("/nonexistent/runbooks");

        Assert.Equal(1, exit);
        Assert.StartsWith("/nonexistent/runbooks:1:1: no such file or directory", output);
    }

    [Fact]
    public async Task The_same_id_in_two_files_is_an_error()
    {
        using var dir = new TempRunbookDirectory();
        dir.Write("a.yaml", TempRunbookDirectory.Runbook("same", 1));
        dir.Write("b.yaml", TempRunbookDirectory.Runbook("same", 2));

        var (exit, output) = await Run(dir.Path);

        Assert.Equal(1, exit);
        Assert.Contains("runbook id 'same' is already defined in", output);
    }
}
