namespace RunbookOrchestrator.Server.Persistence.Channels;

/// <summary>Row of <c>seen_requests</c>: a signed callback from a channel (Slack) already accepted, so a replay of it is refused.</summary>
public sealed class SeenRequestEntity
{
    /// <summary>SHA-256 of the request's signature, hex.</summary>
    public string Key { get; set; } = "";
    public DateTimeOffset SeenAt { get; set; }
}
