namespace RunbookOrchestrator.Identity;

/// <summary>An agent's API key as stored: who it is, the human accountable for it, and which runbooks it may trigger. Never holds the secret.</summary>
/// <param name="Id">The 8-character public id embedded in the key (<c>rbo_&lt;id&gt;_…</c>).</param>
/// <param name="AgentName">The agent's name, as it appears on runs and in the audit trail.</param>
/// <param name="Owner">The human accountable for the agent; every agent has one.</param>
/// <param name="AllowedRunbooks">Runbook ids this key may trigger; <c>*</c> means all.</param>
/// <param name="CreatedAt">When the key was issued.</param>
/// <param name="RevokedAt">When the key was revoked; null while active.</param>
public sealed record AgentKey(
    string Id,
    string AgentName,
    string Owner,
    IReadOnlyList<string> AllowedRunbooks,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt)
{
    /// <summary>The wildcard that allows every runbook.</summary>
    public const string AllRunbooks = "*";

    /// <summary>The non-secret beginning of the key, safe to show in lists and logs.</summary>
    public string Prefix => ApiKey.Prefix(Id);

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>True when this key is active and scoped to <paramref name="runbookId"/> (or to all runbooks).</summary>
    public bool MayTrigger(string runbookId) =>
        !IsRevoked && AllowedRunbooks.Any(r => r == AllRunbooks || string.Equals(r, runbookId, StringComparison.Ordinal));
}
