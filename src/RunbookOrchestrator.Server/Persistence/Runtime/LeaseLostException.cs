namespace RunbookOrchestrator.Server.Persistence.Runtime;

/// <summary>A transition was refused because its node no longer holds the run's lease; nothing of it was written.</summary>
internal sealed class LeaseLostException(string runId) : Exception($"run {runId}: the lease is no longer this node's");
