namespace RunbookOrchestrator.Identity;

/// <summary>A raw generated credential (agent key or user token) split into its public id and its secret. <see cref="ToString"/> never reveals the secret.</summary>
public sealed class ApiKey
{
    internal ApiKey(string id, string secret)
        : this(ApiKeyFormat.Scheme, id, secret)
    {
    }

    internal ApiKey(string scheme, string id, string secret)
    {
        Scheme = scheme;
        Id = id;
        Secret = secret;
    }

    /// <summary>The prefix: <c>rbo</c> for agent keys, <c>rbu</c> for user tokens.</summary>
    public string Scheme { get; }

    public string Id { get; }

    internal string Secret { get; }

    /// <summary>The full credential as handed out (<c>rbo_&lt;id&gt;_&lt;secret&gt;</c>). Show it once; never store or log it.</summary>
    public string Reveal() => $"{Scheme}_{Id}_{Secret}";

    /// <summary>The public part of an agent key with this id.</summary>
    public static string Prefix(string id) => $"{ApiKeyFormat.Scheme}_{id}_";

    public override string ToString() => $"{Scheme}_{Id}_…";
}
