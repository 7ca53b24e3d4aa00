using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Audit;

namespace RunbookOrchestrator.Approvals;

/// <summary>Binds an approval to one exact action: SHA-256 over a canonical JSON of the resolved action and the gate that guards it.</summary>
/// <remarks>The canonical form is the audit trail's (keys sorted, our own escaping), so the same action always hashes the same,
/// whatever order its parameters were written in and whichever .NET version serialises it.</remarks>
public static class ActionHash
{
    /// <summary>The lower-case hex SHA-256 of the canonical form of <paramref name="action"/>.</summary>
    public static string Of(JsonNode? action) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(action))));

    /// <summary>The canonical JSON text that <see cref="Of"/> hashes.</summary>
    public static string Canonical(JsonNode? node) => AuditCanonicalJson.Of(node) ?? "null";
}
