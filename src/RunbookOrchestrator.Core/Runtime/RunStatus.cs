namespace RunbookOrchestrator.Runtime;

/// <summary>Where a run is in its life. Terminal: Succeeded, Failed, Cancelled.</summary>
public enum RunStatus
{
    Pending,
    Running,
    Waiting,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>Extension helpers over <see cref="RunStatus"/>.</summary>
public static class RunStatusExtensions
{
    public static bool IsTerminal(this RunStatus s) => s is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled;
}
