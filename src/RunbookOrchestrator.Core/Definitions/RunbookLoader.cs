using System.Text.Json.Nodes;
using RunbookOrchestrator.Definitions.Source;

namespace RunbookOrchestrator.Definitions;

/// <summary>Reads a runbook from YAML or JSON into a <see cref="RunbookDefinition"/>, keeping the source location of
/// every element. Never throws on bad content: problems come back as <see cref="RunbookError"/>s.</summary>
public static class RunbookLoader
{
    /// <summary>Largest runbook file read, in bytes; runbooks are hand-written and far smaller.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>Loads a file; <c>.json</c> is read as JSON, anything else as YAML. <paramref name="displayName"/> is the
    /// name used in locations (defaults to the path as given).</summary>
    public static RunbookParseResult LoadFile(string path, string? displayName = null)
    {
        var name = displayName ?? path;
        string text;
        try
        {
            if (new FileInfo(path).Length > MaxFileBytes)
                return Failed(name, new SourceLocation(name, 1, 1), RunbookErrorCodes.UnreadableFile, $"the file is larger than {MaxFileBytes / 1024} KiB");
            var bytes = File.ReadAllBytes(path);
            if (StrictText.Decode(bytes, name) is { Problem: { } problem })
                return Failed(name, problem.Location, RunbookErrorCodes.UnreadableFile, problem.Message);
            text = StrictText.Decode(bytes, name).Text!;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed(name, new SourceLocation(name, 1, 1), RunbookErrorCodes.UnreadableFile, $"cannot read the file: {ex.Message}");
        }
        return Load(text, name, IsJson(path) ? RunbookFormat.Json : RunbookFormat.Yaml);
    }

    /// <summary>True for paths the loader reads as JSON.</summary>
    public static bool IsJson(string path) => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Loads runbook text; <paramref name="file"/> names the source in every location.</summary>
    public static RunbookParseResult Load(string text, string file, RunbookFormat format)
    {
        SourceNode root;
        try
        {
            root = format == RunbookFormat.Json ? JsonSourceReader.Read(text, file) : YamlSourceReader.Read(text, file);
        }
        catch (SourceParseException ex)
        {
            return Failed(file, ex.Location, RunbookErrorCodes.Syntax, ex.Message);
        }
        if (root is not SourceMapping map)
            return Failed(file, root.Location, RunbookErrorCodes.InvalidType, $"a runbook must be a map of fields, found {root.Shape}");

        var reading = new DefinitionReading();
        var definition = reading.ReadRunbook(map);
        return new RunbookParseResult(file, definition, reading.Errors);
    }

    private static RunbookParseResult Failed(string file, SourceLocation location, string code, string message) =>
        new(file, null, [new RunbookError(location, null, code, message)]);
}

/// <summary>Which reader a runbook text goes through.</summary>
public enum RunbookFormat
{
    Yaml,
    Json,
}
