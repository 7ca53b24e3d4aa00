namespace RunbookOrchestrator.Server.Identity;

/// <summary>Claim types carried by an authenticated agent.</summary>
public static class AgentClaimTypes
{
    /// <summary>Identity kind: <c>agent</c> (or <c>human</c> for other schemes).</summary>
    public const string Kind = "rbo:kind";
    public const string Name = "rbo:name";
    public const string Owner = "rbo:owner";
    public const string KeyId = "rbo:key_id";
    /// <summary>One claim per allowed runbook id; <c>*</c> for all.</summary>
    public const string Runbook = "rbo:runbook";

    public const string AgentKind = "agent";
}
