namespace RunbookOrchestrator.Server.Cli;

/// <summary>A command-line verb (<c>dotnet run -- validate runbooks/</c>). Implementations are found by reflection.</summary>
public interface ICliCommand
{
    string Name { get; }
    string Usage { get; }

    /// <summary>Returns the process exit code.</summary>
    Task<int> RunAsync(string[] args, CliConsole console);
}

/// <summary>The standard streams a command reads and writes; tests pass their own.</summary>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error)
{
    public static CliConsole System => new(Console.In, Console.Out, Console.Error);
}
