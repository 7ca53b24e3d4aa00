namespace RunbookOrchestrator.Identity;

/// <summary>Where agent keys live. Stores only the SHA-256 hash of each key, never the key itself.</summary>
public interface IAgentKeyStore
{
    /// <summary>Stores <paramref name="key"/> (hashed) for the agent described by <paramref name="request"/>.</summary>
    Task<AgentKey> CreateAsync(AgentKeyRequest request, ApiKey key, CancellationToken cancellationToken = default);

    /// <summary>The key with this public id and its stored hash, or null.</summary>
    Task<StoredAgentKey?> FindByIdAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>All keys, revoked ones included, oldest first.</summary>
    Task<IReadOnlyList<AgentKey>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Revokes the key; false when no key has this id. Revoking twice keeps the first revocation time.</summary>
    Task<bool> RevokeAsync(string id, CancellationToken cancellationToken = default);
}

/// <summary>What a new key is for: the agent, its accountable human owner, and its runbook scope.</summary>
public sealed record AgentKeyRequest(string AgentName, string Owner, IReadOnlyList<string> AllowedRunbooks)
{
    /// <summary>Problems that make this request unusable, each naming the field; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        // Agent and owner names follow the same canonical rule as user names: an owner typed "Alice" is the user "alice".
        if (string.IsNullOrWhiteSpace(AgentName)) problems.Add("agent name is required");
        else if (Humans.HumanNames.Problem("agent name", AgentName) is { } agent) problems.Add(agent);
        if (string.IsNullOrWhiteSpace(Owner)) problems.Add("owner (the human accountable for the agent) is required");
        else if (Humans.HumanNames.Problem("owner", Owner) is { } owner) problems.Add(owner);
        if (AllowedRunbooks.Count == 0) problems.Add("at least one runbook (or '*') must be allowed");
        if (AllowedRunbooks.Any(string.IsNullOrWhiteSpace)) problems.Add("runbook ids must not be empty");
        return problems;
    }
}

/// <summary>A stored key together with the hash that verifies it.</summary>
public sealed record StoredAgentKey(AgentKey Key, byte[] SecretHash);

/// <summary>A freshly created key. <see cref="RawKey"/> exists only here, to be shown once.</summary>
public sealed record IssuedAgentKey(AgentKey Key, string RawKey)
{
    public override string ToString() => $"IssuedAgentKey {{ Key = {Key} }}";
}

/// <summary>Issuing new keys on any <see cref="IAgentKeyStore"/>.</summary>
public static class AgentKeyStoreExtensions
{
    /// <summary>Generates a key, stores its hash and returns the raw key once.</summary>
    public static async Task<IssuedAgentKey> IssueAsync(this IAgentKeyStore store, AgentKeyRequest request, CancellationToken cancellationToken = default)
    {
        var key = ApiKeyFormat.Generate();
        var stored = await store.CreateAsync(request, key, cancellationToken);
        return new IssuedAgentKey(stored, key.Reveal());
    }
}
