using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace RunbookOrchestrator.Identity;

/// <summary>The shared shape of generated credentials, <c>&lt;scheme&gt;_&lt;8-char id&gt;_&lt;43-char base64url secret&gt;</c>: agent keys use <c>rbo</c>, personal user tokens <c>rbu</c>.</summary>
/// <remarks>
/// The secret is 256 bits from <see cref="RandomNumberGenerator"/>, so guessing it is hopeless however fast the hash is.
/// Slow password hashes (bcrypt, PBKDF2) exist to protect low-entropy human passwords against offline guessing;
/// for a 256-bit random secret they add no security and would cost tens of milliseconds on every API call.
/// A single SHA-256 of the whole credential is therefore the right hash here.
/// </remarks>
public sealed class SecretTokenFormat
{
    public const int IdLength = 8;
    public const int SecretLength = 43;

    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Agent API keys: <c>rbo_…</c>.</summary>
    public static readonly SecretTokenFormat AgentKey = new("rbo");

    /// <summary>Personal tokens of humans: <c>rbu_…</c>.</summary>
    public static readonly SecretTokenFormat UserToken = new("rbu");

    private SecretTokenFormat(string scheme) => Scheme = scheme;

    /// <summary>The prefix before the first underscore.</summary>
    public string Scheme { get; }

    /// <summary>Total length of a credential in this format.</summary>
    public int Length => Scheme.Length + 1 + IdLength + 1 + SecretLength;

    /// <summary>True when <paramref name="raw"/> starts with this format's <c>scheme_</c> (whether or not the rest is well formed).</summary>
    public bool Claims(string? raw) => raw is not null && raw.StartsWith(Scheme + "_", StringComparison.Ordinal);

    /// <summary>A new random credential of this format.</summary>
    public ApiKey Generate() => new(Scheme, NewId(), Base64UrlEncode(RandomNumberGenerator.GetBytes(32)));

    /// <summary>A random public id, for credentials whose text does not carry one (operator-chosen bootstrap tokens).</summary>
    public static string NewId() => RandomNumberGenerator.GetString(IdAlphabet, IdLength);

    /// <summary>Splits <paramref name="raw"/> into id and secret when it has the exact shape of this format.</summary>
    public bool TryParse(string? raw, [NotNullWhen(true)] out ApiKey? key)
    {
        key = null;
        if (raw is null || raw.Length != Length || !Claims(raw)) return false;
        var id = raw.Substring(Scheme.Length + 1, IdLength);
        if (raw[Scheme.Length + 1 + IdLength] != '_') return false;
        var secret = raw[(Scheme.Length + 2 + IdLength)..];
        if (!id.All(c => IdAlphabet.Contains(c)) || !secret.All(IsBase64UrlChar)) return false;
        key = new ApiKey(Scheme, id, secret);
        return true;
    }

    /// <summary>SHA-256 of the whole credential text as presented; equal to <see cref="Hash(ApiKey)"/> for generated credentials.</summary>
    public static byte[] Hash(string presented) => SHA256.HashData(Encoding.UTF8.GetBytes(presented));

    /// <summary>SHA-256 of the whole key (id included, so a hash cannot be moved to another id).</summary>
    public static byte[] Hash(ApiKey key) => Hash(key.Reveal());

    /// <summary>Constant-time comparison of two hashes, so response timing leaks nothing about the stored one.</summary>
    public static bool HashesMatch(byte[] computed, byte[] stored) => CryptographicOperations.FixedTimeEquals(computed, stored);

    private static bool IsBase64UrlChar(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_';

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
