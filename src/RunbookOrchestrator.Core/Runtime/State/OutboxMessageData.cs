namespace RunbookOrchestrator.Runtime.State;

/// <summary>A message to deliver after the transaction that produced it commits (completion callbacks), retried until delivered.</summary>
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
}
