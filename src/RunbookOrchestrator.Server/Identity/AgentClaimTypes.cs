namespace RunbookOrchestrator.Server.Identity;

/// <summary>Claim types carried by an authenticated agent or human.</summary>
public static class AgentClaimTypes
{
    /// <summary>Identity kind: <c>agent</c> (or <c>human</c> for other schemes).</summary>
    public const string Kind = "rbo:kind";
    public const string Name = "rbo:name";
    public const string Owner = "rbo:owner";
    public const string KeyId = "rbo:key_id";
    /// <summary>One claim per allowed runbook id; <c>*</c> for all.</summary>
    public const string Runbook = "rbo:runbook";

    /// <summary>One claim per group of a human.</summary>
    public const string Group = "rbo:group";
    /// <summary>The public id of the personal token a human authenticated with.</summary>
    public const string TokenId = "rbo:token_id";

    public const string AgentKind = "agent";
    public const string HumanKind = "human";
}
