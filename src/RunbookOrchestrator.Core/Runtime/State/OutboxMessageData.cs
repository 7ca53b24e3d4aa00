namespace RunbookOrchestrator.Runtime.State;

/// <summary>A message to deliver after the transaction that produced it commits (completion callbacks), retried as docs/callbacks.md says, then delivered or failed for good.</summary>
public sealed class OutboxMessageData
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public required string RunId { get; set; }
    public required string Target { get; set; }
    public required string PayloadJson { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>The receiver's last HTTP status, when it answered at all.</summary>
    public int? LastStatus { get; set; }
    /// <summary>When delivery was given up for good (a final 4xx, retries exhausted, or an egress refusal); never retried after.</summary>
    public DateTimeOffset? FailedAt { get; set; }
}
