using System.Security.Cryptography;

namespace RunbookOrchestrator.Server.Hosting;

/// <summary>The secret that signs completion callbacks: <c>RBO_CALLBACK_SECRET</c> if set, otherwise one generated on first start and kept in the data directory (mode 0600).</summary>
internal static class CallbackSecret
{
    public const string EnvironmentVariable = "RBO_CALLBACK_SECRET";

    public static string Resolve(string dataDirectory)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnv) return fromEnv;
        var path = Path.Combine(dataDirectory, "callback-secret");
        if (File.Exists(path)) return File.ReadAllText(path).Trim();
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(path, secret);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return secret;
    }
}
