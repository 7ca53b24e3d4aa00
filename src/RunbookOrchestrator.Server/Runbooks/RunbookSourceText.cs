using System.Security.Cryptography;
using System.Text;

namespace RunbookOrchestrator.Server.Runbooks;

/// <summary>The identity of a runbook text: what a save names as the version it started from.</summary>
public static class RunbookSourceText
{
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
