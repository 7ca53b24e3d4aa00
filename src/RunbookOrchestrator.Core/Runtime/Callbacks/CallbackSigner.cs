using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RunbookOrchestrator.Runtime.Callbacks;

/// <summary>Signs completion callbacks: <c>X-RBO-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256("{t}.{body}")&gt;</c>.</summary>
/// <remarks>
/// The same idea as Stripe's webhook signatures: the timestamp is part of the signed text, so a captured
/// callback cannot be replayed later than the receiver's tolerance, and the body cannot be altered without the secret.
/// See docs/callbacks.md for how receivers verify it.
/// </remarks>
public static class CallbackSigner
{
    public const string HeaderName = "X-RBO-Signature";
    public const string VersionTag = "v1";

    /// <summary>The header value for <paramref name="body"/> sent at <paramref name="now"/>.</summary>
    public static string Sign(string body, string secret, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeSeconds();
        return $"t={timestamp.ToString(CultureInfo.InvariantCulture)},{VersionTag}={Compute(timestamp, body, secret)}";
    }

    /// <summary>Lower-case hex HMAC-SHA256 of <c>"{timestamp}.{body}"</c> keyed with the UTF-8 bytes of <paramref name="secret"/>.</summary>
    public static string Compute(long timestamp, string body, string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var signed = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
