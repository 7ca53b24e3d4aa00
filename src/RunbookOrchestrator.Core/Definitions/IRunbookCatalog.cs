namespace RunbookOrchestrator.Definitions;

/// <summary>The runbooks currently published (latest valid version of each id).</summary>
public interface IRunbookCatalog
{
    RunbookDefinition? Find(string id);
    IReadOnlyList<RunbookDefinition> All { get; }
}
