namespace RunbookOrchestrator.Definitions;

/// <summary>One problem found in a runbook file: where, which step, a stable code and a readable message.</summary>
public sealed record RunbookError(SourceLocation Location, string? StepId, string Code, string Message)
{
    /// <summary><c>runbooks/export.yaml:14:7: step 'fetch': unknown activity 'sql.qurey'</c></summary>
    public override string ToString() =>
        StepId is null ? $"{Location}: {Message}" : $"{Location}: step '{StepId}': {Message}";
}
