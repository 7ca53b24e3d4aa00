namespace RunbookOrchestrator.Server.Persistence.Channels;

/// <summary>Row of <c>deliveries</c>, the outbox of reviewer messages: one message to one recipient on one channel.</summary>
public sealed class DeliveryEntity
{
    public string Id { get; set; } = "";

    /// <summary>Gate, event, stage, channel and recipient: the same message is queued once however often it is asked for.</summary>
    public string DedupeKey { get; set; } = "";
    public string GateId { get; set; } = "";
    public string RunId { get; set; } = "";
    public string Channel { get; set; } = "";

    /// <summary>A user name (email), a Slack channel id, or <c>webhook</c> (Teams).</summary>
    public string Recipient { get; set; } = "";

    /// <summary><c>request</c>, <c>reminder</c>, <c>escalation</c> or <c>outcome</c>.</summary>
    public string Kind { get; set; } = "";
    public int Stage { get; set; }

    /// <summary><c>queued</c>, <c>sent</c> or <c>failed</c> (given up, with <see cref="LastError"/>).</summary>
    public string Status { get; set; } = DeliveryStatus.Queued;
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>What the channel needs to update the message later (Slack: channel and ts).</summary>
    public string? ExternalRef { get; set; }
}

/// <summary>States of a <see cref="DeliveryEntity"/>.</summary>
public static class DeliveryStatus
{
    public const string Queued = "queued";
    public const string Sent = "sent";
    public const string Failed = "failed";

    /// <summary>Not sent because the gate ended first (a request nobody needs any more).</summary>
    public const string Skipped = "skipped";
}
