namespace RunbookOrchestrator.Expressions;

/// <summary>The bounds that keep an expression's parse and evaluation cost small, whatever its author or data.</summary>
public static class CelLimits
{
    public const int MaxExpressionLength = 4096;
    public const int MaxNestingDepth = 64;
    public const int MaxEvaluationSteps = 100_000;
    public const int MaxStringLength = 1024 * 1024;
    public const int MaxBytesLength = 1024 * 1024;
    public const int MaxListLength = 100_000;
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);
    public const int MaxCachedPrograms = 1024;
}
