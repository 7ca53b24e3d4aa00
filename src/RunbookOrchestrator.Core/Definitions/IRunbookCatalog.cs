namespace RunbookOrchestrator.Definitions;

/// <summary>The runbooks currently published (latest valid version of each id).</summary>
public interface IRunbookCatalog
{
    RunbookDefinition? Find(string id);
    IReadOnlyList<RunbookDefinition> All { get; }

    /// <summary>Why files could not be (re)loaded; a file with errors keeps its last good version published.</summary>
    IReadOnlyList<RunbookError> Errors => [];
}
