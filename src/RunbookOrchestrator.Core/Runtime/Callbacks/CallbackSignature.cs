using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RunbookOrchestrator.Runtime.Callbacks;

/// <summary>Verifies an <c>X-RBO-Signature</c> header as a callback receiver would.</summary>
public static class CallbackSignature
{
    /// <summary>Checks that <paramref name="header"/> signs <paramref name="body"/> with <paramref name="secret"/> and that its
    /// timestamp is within <paramref name="tolerance"/> of <paramref name="now"/> (either direction). Any one matching
    /// <c>v1</c> is enough, so a sender may sign with an old and a new secret while rotating.</summary>
    public static CallbackSignatureCheck Verify(string? header, string body, string secret, TimeSpan tolerance, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(header) || string.IsNullOrEmpty(secret)) return CallbackSignatureCheck.Malformed;
        long? timestamp = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) return CallbackSignatureCheck.Malformed;
            var (name, value) = (part[..eq], part[(eq + 1)..]);
            if (name == "t")
            {
                if (timestamp is not null || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t)) return CallbackSignatureCheck.Malformed;
                timestamp = t;
            }
            else if (name == CallbackSigner.VersionTag) signatures.Add(value);
        }
        if (timestamp is null || signatures.Count == 0) return CallbackSignatureCheck.Malformed;

        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp.Value) > tolerance.TotalSeconds) return CallbackSignatureCheck.TimestampOutsideTolerance;

        var expected = Encoding.ASCII.GetBytes(CallbackSigner.Compute(timestamp.Value, body, secret));
        var matched = false;
        foreach (var candidate in signatures)
            matched |= CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(candidate.ToLowerInvariant()));
        return matched ? CallbackSignatureCheck.Valid : CallbackSignatureCheck.SignatureMismatch;
    }
}

/// <summary>Result of <see cref="CallbackSignature.Verify"/>.</summary>
public enum CallbackSignatureCheck
{
    Valid,
    /// <summary>Header absent or not of the form <c>t=…,v1=…</c>.</summary>
    Malformed,
    /// <summary>Signed too long ago (or too far in the future): possibly a replay.</summary>
    TimestampOutsideTolerance,
    /// <summary>Body or secret differ from what was signed.</summary>
    SignatureMismatch,
}
