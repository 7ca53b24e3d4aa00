namespace RunbookOrchestrator.Runtime.State;

/// <summary>A published definition snapshot. Runs point at it by hash, so publishing a new version never changes a running instance.</summary>
public sealed class RunbookVersionData
{
    public required string Hash { get; set; }
    public required string RunbookId { get; set; }
    public int Version { get; set; }
    public required string DefinitionJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
