namespace RunbookOrchestrator.Expressions;

/// <summary>One token with its 1-based column; literal tokens carry their decoded value.</summary>
internal sealed record CelToken(CelTokenKind Kind, string Text, int Column, CelValue? Literal = null);
