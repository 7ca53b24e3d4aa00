namespace RunbookOrchestrator.Server.Persistence.Identity;

/// <summary>Row of <c>agent_keys</c>: one agent API key, stored as a SHA-256 hash.</summary>
public sealed class AgentKeyEntity
{
    public string Id { get; set; } = "";
    public string AgentName { get; set; } = "";
    public string Owner { get; set; } = "";

    /// <summary>Comma-separated runbook ids (runbook ids cannot contain commas) or <c>*</c>.</summary>
    public string AllowedRunbooks { get; set; } = "";

    public byte[] SecretHash { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
