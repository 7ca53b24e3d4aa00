namespace RunbookOrchestrator.Server.Hosting;

/// <summary>The secret that signs completion callbacks: <c>RBO_CALLBACK_SECRET</c> if set, otherwise one generated on first start and kept in the data directory (mode 0600).</summary>
internal static class CallbackSecret
{
    public const string EnvironmentVariable = "RBO_CALLBACK_SECRET";

    public static string Resolve(string dataDirectory) => DataDirectorySecret.Resolve(EnvironmentVariable, dataDirectory, "callback-secret").Text;
}
