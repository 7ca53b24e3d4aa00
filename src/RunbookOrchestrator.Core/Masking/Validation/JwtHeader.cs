using System.Text.Json;

namespace RunbookOrchestrator.Masking.Validation;

/// <summary>Reads the header of a compact JWS/JWT to confirm it is one.</summary>
public static class JwtHeader
{
    /// <summary>The <c>alg</c> of the token's header, or null when the first segment is not base64url JSON with an alg.</summary>
    public static string? Algorithm(string token)
    {
        var dot = token.IndexOf('.');
        if (dot <= 0) return null;
        var segment = token[..dot].Replace('-', '+').Replace('_', '/');
        segment = segment.PadRight(segment.Length + (4 - segment.Length % 4) % 4, '=');
        Span<byte> bytes = stackalloc byte[segment.Length];
        if (!Convert.TryFromBase64String(segment, bytes, out var written)) return null;
        try
        {
            using var doc = JsonDocument.Parse(bytes[..written].ToArray());
            return doc.RootElement.ValueKind == JsonValueKind.Object
                   && doc.RootElement.TryGetProperty("alg", out var alg) && alg.ValueKind == JsonValueKind.String
                ? alg.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
