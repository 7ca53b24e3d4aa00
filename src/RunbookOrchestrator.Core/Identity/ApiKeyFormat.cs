using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace RunbookOrchestrator.Identity;

/// <summary>Generates, parses and hashes agent API keys of the form <c>rbo_&lt;8-char id&gt;_&lt;43-char base64url secret&gt;</c>.</summary>
/// <remarks>
/// The secret is 256 bits from <see cref="RandomNumberGenerator"/>, so guessing it is hopeless however fast the hash is.
/// Slow password hashes (bcrypt, PBKDF2) exist to protect low-entropy human passwords against offline guessing;
/// for a 256-bit random secret they add no security and would cost tens of milliseconds on every API call.
/// A single SHA-256 is therefore the right hash here. Comparison is constant-time so response timing leaks nothing.
/// </remarks>
public static class ApiKeyFormat
{
    public const string Scheme = "rbo";
    public const int IdLength = 8;
    public const int SecretLength = 43;
    public static readonly int KeyLength = Scheme.Length + 1 + IdLength + 1 + SecretLength;

    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A new random key.</summary>
    public static ApiKey Generate()
    {
        var id = RandomNumberGenerator.GetString(IdAlphabet, IdLength);
        var secret = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return new ApiKey(id, secret);
    }

    /// <summary>Splits <paramref name="raw"/> into id and secret when it has the exact rbo_ shape.</summary>
    public static bool TryParse(string? raw, [NotNullWhen(true)] out ApiKey? key)
    {
        key = null;
        if (raw is null || raw.Length != KeyLength) return false;
        if (!raw.StartsWith(Scheme + "_", StringComparison.Ordinal)) return false;
        var id = raw.Substring(Scheme.Length + 1, IdLength);
        if (raw[Scheme.Length + 1 + IdLength] != '_') return false;
        var secret = raw[(Scheme.Length + 2 + IdLength)..];
        if (!id.All(c => IdAlphabet.Contains(c)) || !secret.All(IsBase64UrlChar)) return false;
        key = new ApiKey(id, secret);
        return true;
    }

    /// <summary>SHA-256 of the whole key (id included, so a hash cannot be moved to another id).</summary>
    public static byte[] Hash(ApiKey key) => SHA256.HashData(Encoding.ASCII.GetBytes(key.Reveal()));

    /// <summary>Constant-time check of <paramref name="key"/> against a stored hash.</summary>
    public static bool Matches(ApiKey key, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(key), storedHash);

    private static bool IsBase64UrlChar(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_';

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
