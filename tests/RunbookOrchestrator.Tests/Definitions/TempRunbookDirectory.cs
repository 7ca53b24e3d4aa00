namespace RunbookOrchestrator.Tests.Definitions;

/// <summary>A real directory under the system temp folder, deleted at the end of the test.</summary>
internal sealed class TempRunbookDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "runbooks-" + Guid.NewGuid().ToString("N"));

    public TempRunbookDirectory() => Directory.CreateDirectory(Path);

    public string Write(string fileName, string content)
    {
        var file = System.IO.Path.Combine(Path, fileName);
        File.WriteAllText(file, content);
        return file;
    }

    public static string Runbook(string id, int version, string message = "hi") => $"""
        id: {id}
        version: {version}
        steps:
          - id: say
            uses: notify
            with: {"{"} message: "{message}" {"}"}
        """;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A watcher may still hold the directory for a moment; the temp folder is cleaned by the OS eventually.
        }
    }
}
