using System.Security.Cryptography;

namespace RunbookOrchestrator.Bench.Approvals;

/// <summary>The bootstrap human who decides the bench's gates: a member of group <c>sre</c> with a long random personal token.</summary>
public sealed record BenchReviewer(string Name, string Token)
{
    public static BenchReviewer Create() => new("bench-sre", "bench-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant());

    /// <summary>The <c>RBO_BOOTSTRAP_USERS</c> entry that creates this reviewer on server start.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["RBO_BOOTSTRAP_USERS"] = $"{Name}:{Token}:sre" };
}
