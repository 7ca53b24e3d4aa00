using RunbookOrchestrator.Identity;

namespace RunbookOrchestrator.Server.Identity;

/// <summary>Creates the keys an installation starts with: the operator's <c>RBO_BOOTSTRAP_AGENT_KEY</c>, and a demo key for a fresh embedded install.</summary>
public sealed class AgentKeyBootstrapper(IAgentKeyStore store, ILogger<AgentKeyBootstrapper> logger)
{
    public const string EnvironmentVariable = "RBO_BOOTSTRAP_AGENT_KEY";

    /// <summary>The agent a bootstrap key belongs to (all runbooks).</summary>
    public static readonly AgentKeyRequest BootstrapAgent = new("bootstrap-agent", "bootstrap-owner", [AgentKey.AllRunbooks]);

    /// <summary>The agent of the demo key (all runbooks).</summary>
    public static readonly AgentKeyRequest DemoAgent = new("demo-agent", "demo-owner", [AgentKey.AllRunbooks]);

    /// <summary>Stores the key from <see cref="EnvironmentVariable"/> (or <paramref name="configuredKey"/>) unless its id already exists.</summary>
    public async Task<BootstrapKeyOutcome> ImportBootstrapKeyAsync(string? configuredKey = null, CancellationToken cancellationToken = default)
    {
        configuredKey ??= Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(configuredKey)) return BootstrapKeyOutcome.NotConfigured;
        if (!ApiKeyFormat.TryParse(configuredKey.Trim(), out var key))
        {
            // Program refuses to start on this (BootstrapEnvironment); reaching here means a host skipped that check.
            logger.LogError("{Variable} is set but is not an rbo_ API key (expected rbo_<8 chars>_<43 chars>); no bootstrap key was created", EnvironmentVariable);
            return BootstrapKeyOutcome.Malformed;
        }
        if (await store.FindByIdAsync(key.Id, cancellationToken) is not null) return BootstrapKeyOutcome.AlreadyPresent;
        await store.CreateAsync(BootstrapAgent, key, cancellationToken);
        logger.LogInformation("Bootstrap agent key {Prefix}… created for {Agent}", ApiKey.Prefix(key.Id), BootstrapAgent.AgentName);
        return BootstrapKeyOutcome.Created;
    }

    /// <summary>On an empty key store, creates the <c>demo-agent</c> key and returns it so the server can print it once; otherwise null.</summary>
    public async Task<IssuedAgentKey?> CreateDemoKeyIfStoreEmptyAsync(CancellationToken cancellationToken = default)
    {
        if ((await store.ListAsync(cancellationToken)).Count > 0) return null;
        var issued = await store.IssueAsync(DemoAgent, cancellationToken);
        logger.LogInformation("Demo agent key {Prefix}… created for {Agent}", issued.Key.Prefix, DemoAgent.AgentName);
        return issued;
    }
}

/// <summary>What <see cref="AgentKeyBootstrapper.ImportBootstrapKeyAsync"/> did.</summary>
public enum BootstrapKeyOutcome
{
    NotConfigured,
    Created,
    AlreadyPresent,
    Malformed,
}
