using System.Security.Cryptography;
using System.Text;

namespace RunbookOrchestrator.Policy;

/// <summary>The identity of a policy text, so a pending approval can tell which policy asked for it.</summary>
public static class PolicyHash
{
    public static string Of(string text) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
