using System.Security.Cryptography;

namespace RunbookOrchestrator.Server.Hosting;

/// <summary>A server secret taken from an environment variable if set, otherwise generated once (32 random bytes, base64) into a
/// file of the data directory readable by its owner only.</summary>
public static class DataDirectorySecret
{
    /// <summary>The secret's text, and where it came from (the variable's name or the file's path) for error messages.</summary>
    public static (string Text, string Source) Resolve(string environmentVariable, string dataDirectory, string fileName)
    {
        if (Environment.GetEnvironmentVariable(environmentVariable) is { Length: > 0 } fromEnv) return (fromEnv, environmentVariable);
        var path = Path.Combine(dataDirectory, fileName);
        if (File.Exists(path)) return (File.ReadAllText(path).Trim(), path);
        Directory.CreateDirectory(dataDirectory);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        // Written beside with its mode set, then moved into place: a reader never sees half a secret or a readable one.
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, secret);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process of the same data directory created it first; its secret is the one.
            File.Delete(temp);
            return (File.ReadAllText(path).Trim(), path);
        }
        return (secret, path);
    }
}
