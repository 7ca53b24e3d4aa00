namespace RunbookOrchestrator.Definitions;

/// <summary>The stable codes of <see cref="RunbookError"/>; tools and tests match on these, not on messages.</summary>
public static class RunbookErrorCodes
{
    public const string Syntax = "syntax";
    public const string UnreadableFile = "unreadable-file";
    public const string MissingField = "missing-field";
    public const string UnknownField = "unknown-field";
    public const string InvalidType = "invalid-type";
    public const string InvalidId = "invalid-id";
    public const string InvalidVersion = "invalid-version";
    public const string InvalidDuration = "invalid-duration";
    public const string InvalidRetry = "invalid-retry";
    public const string InvalidInputType = "invalid-input-type";
    public const string InvalidClassification = "invalid-classification";
    public const string InvalidDefault = "invalid-default";
    public const string DuplicateStepId = "duplicate-step-id";
    public const string DuplicateRunbookId = "duplicate-runbook-id";
    public const string NoSteps = "no-steps";
    public const string UnknownActivity = "unknown-activity";
    public const string MissingParameter = "missing-parameter";
    public const string UnknownParameter = "unknown-parameter";
    public const string MissingNextTarget = "missing-next-target";
    public const string MissingBranchTarget = "missing-branch-target";
    public const string UnknownOutcome = "unknown-outcome";
    public const string UnreachableStep = "unreachable-step";
    public const string TemplateSyntax = "template-syntax";
    public const string ExpressionSyntax = "expression-syntax";
    public const string UnknownInput = "unknown-input";
    public const string UnknownStepReference = "unknown-step-reference";
    public const string UnknownVariable = "unknown-variable";
}
