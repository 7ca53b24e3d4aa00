using RunbookOrchestrator.Protection;

namespace RunbookOrchestrator.Server.Hosting;

/// <summary>The key that seals run data at rest: <c>RBO_DATA_KEY</c> (base64, 32 bytes) if set, otherwise one generated on first start
/// into the data directory (mode 0600). It is kept out of the database so that a copy of the database alone reveals nothing.</summary>
public static class DataKey
{
    public const string EnvironmentVariable = "RBO_DATA_KEY";
    public const string FileName = "data-key";

    /// <summary>The box for the data directory's key, creating the key file when there is none.</summary>
    public static SecretBox Resolve(string dataDirectory)
    {
        var (text, source) = DataDirectorySecret.Resolve(EnvironmentVariable, dataDirectory, FileName);
        return new SecretBox(Decode(text, source));
    }

    private static byte[] Decode(string text, string where)
    {
        try
        {
            var key = Convert.FromBase64String(text);
            if (key.Length == 32) return key;
        }
        catch (FormatException) { }
        throw new InvalidOperationException($"{where}: the data key must be 32 bytes in base64 (for example the output of 'openssl rand -base64 32')");
    }
}
