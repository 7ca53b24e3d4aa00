namespace RunbookOrchestrator.Runtime;

/// <summary>A run as an event sent to it sees it: its status, who requested it, and its events not yet consumed.</summary>
public sealed record RunSignalTarget(RunStatus Status, string RequesterKind, string RequesterName, int PendingSignals);
