using System.Diagnostics.CodeAnalysis;

namespace RunbookOrchestrator.Identity;

/// <summary>Generates, parses and hashes agent API keys of the form <c>rbo_&lt;8-char id&gt;_&lt;43-char base64url secret&gt;</c>.</summary>
/// <remarks>The agent-key face of <see cref="SecretTokenFormat"/>, which explains why one SHA-256 is the right hash.
/// Comparison is constant-time so response timing leaks nothing.</remarks>
public static class ApiKeyFormat
{
    public const string Scheme = "rbo";
    public const int IdLength = SecretTokenFormat.IdLength;
    public const int SecretLength = SecretTokenFormat.SecretLength;
    public static readonly int KeyLength = SecretTokenFormat.AgentKey.Length;

    /// <summary>A new random key.</summary>
    public static ApiKey Generate() => SecretTokenFormat.AgentKey.Generate();

    /// <summary>Splits <paramref name="raw"/> into id and secret when it has the exact rbo_ shape.</summary>
    public static bool TryParse(string? raw, [NotNullWhen(true)] out ApiKey? key) => SecretTokenFormat.AgentKey.TryParse(raw, out key);

    /// <summary>SHA-256 of the whole key (id included, so a hash cannot be moved to another id).</summary>
    public static byte[] Hash(ApiKey key) => SecretTokenFormat.Hash(key);

    /// <summary>Constant-time check of <paramref name="key"/> against a stored hash.</summary>
    public static bool Matches(ApiKey key, byte[] storedHash) => SecretTokenFormat.HashesMatch(Hash(key), storedHash);
}
