namespace RunbookOrchestrator.Definitions.Source;

/// <summary>The text is not well-formed YAML or JSON; carries where the reader gave up.</summary>
public sealed class SourceParseException(string message, SourceLocation location) : Exception(message)
{
    public SourceLocation Location { get; } = location;
}
