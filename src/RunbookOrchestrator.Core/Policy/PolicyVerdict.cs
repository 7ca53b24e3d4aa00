namespace RunbookOrchestrator.Policy;

/// <summary>A decision together with the hash of the policy that made it, so an approval gate can be bound to both.</summary>
public sealed record PolicyVerdict(PolicyDecision Decision, string PolicyHash);
