namespace RunbookOrchestrator.Policy;

/// <summary>A loaded <c>policies.yaml</c>: ordered rules, an optional default environment, and the hash of the text it came from.</summary>
/// <param name="Environment">Default deployment environment; the server's <c>Orchestrator:Environment</c> overrides it.</param>
/// <param name="Hash"><c>sha256:&lt;hex&gt;</c> of the file text; approvals bind a gate to the rule and this hash.</param>
public sealed record PolicyDocument(int Version, string? Environment, IReadOnlyList<PolicyRule> Rules, string Hash)
{
    /// <summary>The policy in force when there is no policy file: no rules, only the fail-safe default.</summary>
    public static PolicyDocument Empty { get; } = new(1, null, [], PolicyHash.Of(""));
}
