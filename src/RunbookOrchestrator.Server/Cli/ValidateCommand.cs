using RunbookOrchestrator.Definitions;

namespace RunbookOrchestrator.Server.Cli;

/// <summary><c>validate &lt;dir-or-file&gt;...</c>: prints every problem as <c>file:line:column: message</c> and exits 1 when there is any.</summary>
public sealed class ValidateCommand : ICliCommand
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    private readonly Func<RunbookValidator> _validatorFactory;

    public ValidateCommand()
        : this(ValidationServices.CreateValidator)
    {
    }

    internal ValidateCommand(Func<RunbookValidator> validatorFactory)
    {
        _validatorFactory = validatorFactory;
    }

    public string Name => "validate";

    public string Usage => "validate <dir-or-file>...   check runbook files and print every error with file:line:column";

    public Task<int> RunAsync(string[] args, CliConsole console)
    {
        if (args.Length == 0)
        {
            console.Error.WriteLine("usage: " + Usage);
            return Task.FromResult(2);
        }
        var validator = _validatorFactory();
        var errors = new List<RunbookError>();
        var files = new List<string>();
        foreach (var arg in args)
        {
            if (Directory.Exists(arg)) files.AddRange(RunbookFilesIn(arg));
            else if (File.Exists(arg)) files.Add(arg);
            else errors.Add(new RunbookError(new SourceLocation(arg, 1, 1), null, RunbookErrorCodes.UnreadableFile, "no such file or directory"));
        }

        var firstFileOfId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files.Distinct(StringComparer.Ordinal))
        {
            var parsed = RunbookLoader.LoadFile(file);
            errors.AddRange(validator.Validate(parsed));
            if (parsed.Definition is not { Id.Length: > 0 } definition) continue;
            if (firstFileOfId.TryGetValue(definition.Id, out var first))
                errors.Add(new RunbookError(definition.Location ?? new SourceLocation(file, 1, 1), null, RunbookErrorCodes.DuplicateRunbookId,
                    $"runbook id '{definition.Id}' is already defined in {first}"));
            else
                firstFileOfId[definition.Id] = file;
        }

        foreach (var error in errors) console.Out.WriteLine(error);
        var runbookCount = files.Distinct(StringComparer.Ordinal).Count();
        console.Out.WriteLine($"{runbookCount} runbook{(runbookCount == 1 ? "" : "s")}, {errors.Count} error{(errors.Count == 1 ? "" : "s")}");
        return Task.FromResult(errors.Count > 0 ? 1 : 0);
    }

    private static IEnumerable<string> RunbookFilesIn(string directory) =>
        Directory.EnumerateFiles(directory)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Where(f => !Path.GetFileName(f).Equals(RunbookDirectoryCatalog.PolicyFileName, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
}
