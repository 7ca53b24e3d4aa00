namespace RunbookOrchestrator.Audit;

/// <summary>The first place the chain does not hold: the sequence number concerned and what is wrong there.</summary>
public sealed record AuditBreak(long Sequence, string Problem);
