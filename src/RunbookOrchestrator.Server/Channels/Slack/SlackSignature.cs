using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RunbookOrchestrator.Server.Channels.Slack;

/// <summary>Slack's request signing: <c>v0=</c> + hex HMAC-SHA256 of <c>v0:{X-Slack-Request-Timestamp}:{raw body}</c> with the app's
/// signing secret, compared in constant time, and a timestamp within five minutes of now (older requests may be replays).</summary>
public static class SlackSignature
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public static SlackSignatureCheck Check(string signingSecret, string? timestamp, ReadOnlySpan<byte> body, string? signature, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature)) return SlackSignatureCheck.Missing;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return SlackSignatureCheck.Stale;
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > Window.TotalSeconds) return SlackSignatureCheck.Stale;
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var expected = Encoding.ASCII.GetBytes("v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), signed)));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)) ? SlackSignatureCheck.Valid : SlackSignatureCheck.Invalid;
    }
}

/// <summary>How a request's Slack signature checked out.</summary>
public enum SlackSignatureCheck
{
    Valid,
    Missing,
    Stale,
    Invalid,
}
