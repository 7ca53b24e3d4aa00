using System.Text;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Server.Cli;

namespace RunbookOrchestrator.Tests.Definitions;

/// <summary>A battery of malformed runbook files: every one gets file:line:column and a plain sentence, exit code 1 from
/// <c>validate</c>, the same error from the directory catalog, and never a stack trace.</summary>
public sealed class MalformedYamlTests
{
    private const string Head = "id: broken\nversion: 1\n";

    /// <summary>Name, file bytes, expected line, expected column (0: any), a word the message must contain.</summary>
    public static TheoryData<string, byte[], int, int, string> Cases()
    {
        var data = new TheoryData<string, byte[], int, int, string>();
        void Add(string name, string text, int line, int column, string word) => data.Add(name, Encoding.UTF8.GetBytes(text), line, column, word);

        Add("tab indenting a step", Head + "steps:\n\t- id: a\n\t  uses: set\n", 4, 1, "tab");
        Add("tab inside nested indentation", Head + "steps:\n  - id: a\n    uses: set\n    with:\n    \tvalues: {}\n", 7, 5, "tab");
        Add("unclosed double quote", Head + "title: \"never closed\nsteps: []\n", 3, 0, "quoted scalar");
        Add("unclosed single quote", Head + "title: 'never closed\n", 3, 0, "quoted scalar");
        Add("unclosed flow mapping", Head + "inputs: { a: { type: string }\nsteps: []\n", 0, 0, "invalid YAML");
        Add("unclosed flow sequence", Head + "owners: [sre, data\n", 0, 0, "invalid YAML");
        Add("mapping value inside a plain scalar", Head + "title: a: b\n", 3, 0, "invalid YAML");
        Add("wrong indentation of a sibling key", "id: broken\n  version: 1\n", 2, 0, "invalid YAML");
        Add("duplicate top-level key", Head + "id: again\n", 3, 1, "Duplicate key");
        Add("duplicate key inside a step", Head + "steps:\n  - id: a\n    uses: set\n    uses: notify\n", 6, 5, "Duplicate key");
        Add("alias to an undefined anchor", Head + "owners: *nobody\n", 3, 9, "anchor");
        Add("alias bomb", Head + "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n", 0, 0, "more than");
        Add("nesting 200 levels deep", Head + "inputs: " + new string('[', 200) + new string(']', 200) + "\n", 0, 0, "nested deeper");
        Add("empty file", "", 1, 1, "no YAML document");
        Add("only comments", "# nothing here\n# at all\n", 1, 1, "no YAML document");
        Add("a list at the top", "- id: broken\n- version: 1\n", 1, 1, "map of fields");
        Add("a scalar at the top", "just some text\n", 1, 1, "map of fields");
        Add("two documents", Head + "steps: []\n---\nid: second\n", 0, 0, "documents");
        Add("unknown local tag", Head + "title: !custom hello\n", 3, 8, "tag");
        Add("binary tag", Head + "title: !!binary aGVsbG8=\n", 3, 8, "tag");
        Add("language-specific tag", Head + "title: !!python/object:os.system x\n", 3, 8, "tag");
        Add("complex key", Head + "? [a, b]\n: c\n", 0, 0, "");
        Add("block sequence then mapping", "- a\nb: 1\n", 0, 0, "invalid YAML");
        Add("directive without document", "%YAML 1.2\n", 0, 0, "");
        Add("steps is a string", Head + "steps: not-a-list\n", 3, 8, "");
        Add("step is a number", Head + "steps:\n  - 42\n", 4, 5, "");
        Add("step without id or uses", Head + "steps:\n  - title: orphan\n", 4, 5, "");
        Add("version is text", "id: broken\nversion: one\nsteps: []\n", 2, 10, "version");
        Add("id with spaces", "id: not valid id\nversion: 1\nsteps: []\n", 1, 0, "id");
        data.Add("NUL byte", Encoding.UTF8.GetBytes(Head + "title: a\0b\n"), 3, 9, "NUL");
        data.Add("invalid UTF-8", [.. Encoding.UTF8.GetBytes(Head + "title: caf"), 0xE9, .. "\n"u8.ToArray()], 3, 11, "UTF-8");
        data.Add("UTF-16 file", Encoding.Unicode.GetBytes(Head + "steps: []\n"), 0, 0, "");
        data.Add("lone surrogate encoded as bytes", [.. Encoding.UTF8.GetBytes(Head + "title: "), 0xED, 0xA0, 0x80, .. "\n"u8.ToArray()], 3, 8, "UTF-8");
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Validate_reports_each_malformed_file_with_its_location_and_exit_code_1(string name, byte[] content, int line, int column, string word)
    {
        using var dir = new TempRunbookDirectory();
        var path = System.IO.Path.Combine(dir.Path, "broken.yaml");
        await File.WriteAllBytesAsync(path, content);
        var output = new StringWriter();

        var exit = await new ValidateCommand(Runbooks.Validator).RunAsync([path], new CliConsole(new StringReader(""), output, new StringWriter()));

        var text = output.ToString();
        Assert.True(exit == 1, $"{name}: exit {exit}\n{text}");
        var first = text.Split('\n')[0];
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(path)}:\d+:\d+: \S", first);
        if (line > 0) Assert.StartsWith($"{path}:{line}:", first);
        if (column > 0) Assert.StartsWith($"{path}:{line}:{column}:", first);
        Assert.Contains(word, first, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", text);
        Assert.DoesNotContain("   at ", text);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_catalog_loader_reports_the_same_error_without_throwing(string name, byte[] content, int line, int column, string word)
    {
        using var dir = new TempRunbookDirectory();
        var path = System.IO.Path.Combine(dir.Path, "broken.yaml");
        File.WriteAllBytes(path, content);

        var result = RunbookLoader.LoadFile(path);
        var errors = Runbooks.Validator().Validate(result).ToList();

        Assert.True(errors.Count > 0, name);
        if (line > 0) Assert.Equal(line, errors[0].Location.Line);
        if (column > 0) Assert.Equal(column, errors[0].Location.Column);
        Assert.Contains(word, errors[0].Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Validate_of_a_tab_indented_runbook_exits_1_with_a_sentence_not_a_crash()
    {
        using var dir = new TempRunbookDirectory();
        var path = dir.Write("tabbed.yaml", Head + "steps:\n\t- id: a\n\t  uses: set\n");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RunbookOrchestrator.Tests.Process.ServerProcess.ServerAssembly());
        start.ArgumentList.Add("validate");
        start.ArgumentList.Add(path);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(1, process.ExitCode);
        Assert.StartsWith($"{path}:4:1: invalid YAML: a tab is used for indentation", output);
        Assert.DoesNotContain("   at ", output);
    }
}
