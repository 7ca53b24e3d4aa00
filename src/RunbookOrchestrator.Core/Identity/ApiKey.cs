namespace RunbookOrchestrator.Identity;

/// <summary>A raw API key split into its public id and its secret. <see cref="ToString"/> never reveals the secret.</summary>
public sealed class ApiKey
{
    internal ApiKey(string id, string secret)
    {
        Id = id;
        Secret = secret;
    }

    public string Id { get; }

    internal string Secret { get; }

    /// <summary>The full key as handed to the agent (<c>rbo_&lt;id&gt;_&lt;secret&gt;</c>). Show it once; never store or log it.</summary>
    public string Reveal() => $"{ApiKeyFormat.Scheme}_{Id}_{Secret}";

    /// <summary>The public part of a key with this id.</summary>
    public static string Prefix(string id) => $"{ApiKeyFormat.Scheme}_{id}_";

    public override string ToString() => Prefix(Id) + "…";
}
