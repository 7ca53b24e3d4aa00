namespace RunbookOrchestrator.Definitions;

/// <summary>What the loader made of one file: the definition (null when the file could not be read as a runbook at all)
/// and the problems found while reading it.</summary>
public sealed record RunbookParseResult(string File, RunbookDefinition? Definition, IReadOnlyList<RunbookError> Errors);
