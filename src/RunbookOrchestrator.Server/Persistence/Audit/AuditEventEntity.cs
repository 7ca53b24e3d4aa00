using RunbookOrchestrator.Audit;

namespace RunbookOrchestrator.Server.Persistence.Audit;

/// <summary>Row of <c>audit_events</c>. Only <see cref="AuditAppender"/> and <see cref="AuditRows"/> insert; nothing updates or deletes (triggers refuse it on SQLite).</summary>
public sealed class AuditEventEntity
{
    public long Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    public string Kind { get; set; } = "";
    public string ActorKind { get; set; } = "";
    public string ActorName { get; set; } = "";
    public string? RunId { get; set; }
    public string? StepId { get; set; }
    public string? Channel { get; set; }
    public string? ClientAddress { get; set; }
    public string? Reason { get; set; }
    public string? DataJson { get; set; }
    public string PrevHash { get; set; } = "";
    public string Hash { get; set; } = "";

    public static AuditEventEntity From(AuditEvent e) => new()
    {
        Sequence = e.Sequence,
        At = e.At,
        Kind = e.Kind,
        ActorKind = e.ActorKind,
        ActorName = e.ActorName,
        RunId = e.RunId,
        StepId = e.StepId,
        Channel = e.Channel,
        ClientAddress = e.ClientAddress,
        Reason = e.Reason,
        DataJson = e.DataJson,
        PrevHash = e.PrevHash,
        Hash = e.Hash,
    };

    public AuditEvent ToEvent() =>
        new(Sequence, At.ToUniversalTime(), Kind, ActorKind, ActorName, RunId, StepId, Channel, ClientAddress, Reason, DataJson, PrevHash, Hash);
}
