namespace RunbookOrchestrator.Bench;

/// <summary>A benchmark runnable as <c>dotnet run -c Release --project bench/RunbookOrchestrator.Bench -- &lt;name&gt;</c>; found by reflection.</summary>
public interface IBenchmark
{
    /// <summary>The first command-line argument that selects this benchmark.</summary>
    string Name { get; }

    /// <summary>One line for the usage listing.</summary>
    string Description { get; }

    /// <summary>Runs and prints results; returns the process exit code.</summary>
    int Run(string[] args, TextWriter output);
}
