namespace RunbookOrchestrator.Approvals;

/// <summary>One message a gate's event puts in the delivery queue: to whom, on which channel, what about (kind and escalation
/// stage), or, when it cannot be sent at all, why (<paramref name="Undeliverable"/>; such a message is recorded as failed).</summary>
public sealed record ReviewMessage(string Channel, string Recipient, string Kind, int Stage, string? Undeliverable = null);
