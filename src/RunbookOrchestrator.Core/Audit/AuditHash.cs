using System.Security.Cryptography;
using System.Text;

namespace RunbookOrchestrator.Audit;

/// <summary>The link of the chain: SHA-256 (lower-case hex) of the UTF-8 canonical form of an event carrying the previous hash.</summary>
public static class AuditHash
{
    public static string Compute(string prevHash, AuditEvent e) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AuditCanonicalForm.Of(e with { PrevHash = prevHash }))));
}
