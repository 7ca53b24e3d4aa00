namespace RunbookOrchestrator.Server.Cli;

/// <summary>A command-line verb (<c>dotnet run -- validate runbooks/</c>). Implementations are found by reflection.</summary>
public interface ICliCommand
{
    string Name { get; }
    string Usage { get; }

    /// <summary>Returns the process exit code.</summary>
    Task<int> RunAsync(string[] args, CliConsole console);
}

/// <summary>The standard streams a command reads and writes, and the data folder it works on; tests pass their own.</summary>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error)
{
    public static CliConsole System => new(Console.In, Console.Out, Console.Error);

    /// <summary><c>$RBO_DATA_DIR</c> (or <c>data</c>) unless set: a test sets it here rather than in the process-wide
    /// environment, which a server starting at the same moment in another test would read.</summary>
    public string DataDirectory { get; init; } = Persistence.OrchestratorDatabase.DataDirectory();
}
