namespace RunbookOrchestrator.Audit;

/// <summary>One stored, chained audit event: an <see cref="AuditRecord"/> with its place in the chain.</summary>
/// <param name="Sequence">Position in the trail, gapless from 1.</param>
/// <param name="At">When it was appended, UTC, whole milliseconds (what every database stores exactly).</param>
/// <param name="DataJson">The record's data as canonical JSON (sorted keys, no whitespace), or null.</param>
/// <param name="PrevHash">Hash of the event before (64 zeros for the first), lower-case hex.</param>
/// <param name="Hash">SHA-256 of <see cref="AuditCanonicalForm"/> of this event, lower-case hex.</param>
public sealed record AuditEvent(
    long Sequence,
    DateTimeOffset At,
    string Kind,
    string ActorKind,
    string ActorName,
    string? RunId,
    string? StepId,
    string? Channel,
    string? ClientAddress,
    string? Reason,
    string? DataJson,
    string PrevHash,
    string Hash);
