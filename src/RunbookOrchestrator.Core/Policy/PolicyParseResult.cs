using RunbookOrchestrator.Definitions;

namespace RunbookOrchestrator.Policy;

/// <summary>What the loader made of a policy text: the document (null whenever there are errors, so a bad file is never half-applied) and the errors.</summary>
public sealed record PolicyParseResult(PolicyDocument? Document, IReadOnlyList<RunbookError> Errors);
