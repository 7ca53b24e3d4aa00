namespace RunbookOrchestrator.Definitions;

/// <summary>How sensitive an input or column is; drives masking and policy.</summary>
public enum DataClassification
{
    Public,
    Internal,
    Pii,
    Secret,
}
