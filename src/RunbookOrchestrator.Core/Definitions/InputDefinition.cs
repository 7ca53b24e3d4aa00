using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Definitions;

/// <summary>One declared runbook input. Type is one of string, int, number, bool, object, array.</summary>
public sealed record InputDefinition(
    string Name,
    string Type,
    bool Required,
    JsonNode? Default,
    DataClassification Classification,
    string? Description,
    SourceLocation? Location);
