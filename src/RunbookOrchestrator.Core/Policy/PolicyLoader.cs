using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Definitions.Source;
using RunbookOrchestrator.Expressions;

namespace RunbookOrchestrator.Policy;

/// <summary>Reads <c>policies.yaml</c> (YAML, or JSON for a <c>.json</c> path) with the runbook source reader, so every
/// problem comes back as <c>file:line:col: message</c>. Never throws on bad content.</summary>
public sealed class PolicyLoader(IExpressionEvaluator expressions)
{
    /// <summary>Largest policy file read, in bytes.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>Loads a file; <paramref name="displayName"/> names it in locations (defaults to the path).</summary>
    public PolicyParseResult LoadFile(string path, string? displayName = null)
    {
        var name = displayName ?? path;
        try
        {
            if (new FileInfo(path).Length > MaxFileBytes)
                return Failed(new SourceLocation(name, 1, 1), RunbookErrorCodes.UnreadableFile, $"the file is larger than {MaxFileBytes / 1024} KiB");
            return Load(File.ReadAllText(path), name, RunbookLoader.IsJson(path) ? RunbookFormat.Json : RunbookFormat.Yaml);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed(new SourceLocation(name, 1, 1), RunbookErrorCodes.UnreadableFile, $"cannot read the file: {ex.Message}");
        }
    }

    /// <summary>Loads policy text; <paramref name="file"/> names the source in every location.</summary>
    public PolicyParseResult Load(string text, string file, RunbookFormat format = RunbookFormat.Yaml)
    {
        SourceNode root;
        try
        {
            root = format == RunbookFormat.Json ? JsonSourceReader.Read(text, file) : YamlSourceReader.Read(text, file);
        }
        catch (SourceParseException ex)
        {
            return Failed(ex.Location, RunbookErrorCodes.Syntax, ex.Message);
        }
        if (root is not SourceMapping map)
            return Failed(root.Location, RunbookErrorCodes.InvalidType, $"a policy file must be a map with 'version' and 'rules', found {root.Shape}");
        var reading = new PolicyReading(expressions);
        var (version, environment, rules) = reading.ReadDocument(map);
        return reading.Errors.Count > 0
            ? new PolicyParseResult(null, reading.Errors)
            : new PolicyParseResult(new PolicyDocument(version, environment, rules, PolicyHash.Of(text)), []);
    }

    private static PolicyParseResult Failed(SourceLocation location, string code, string message) =>
        new(null, [new RunbookError(location, null, code, message)]);
}
