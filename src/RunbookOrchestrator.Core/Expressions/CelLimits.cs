namespace RunbookOrchestrator.Expressions;

/// <summary>The bounds that keep an expression's parse and evaluation cost small, whatever its author or data.</summary>
public static class CelLimits
{
    public const int MaxExpressionLength = 4096;
    public const int MaxNestingDepth = 64;

    /// <summary>Depth of the parsed tree, counting every operator (so also long chains such as a || b || c …).</summary>
    public const int MaxTreeDepth = 256;
    public const int MaxEvaluationSteps = 100_000;
    public const int MaxStringLength = 1024 * 1024;
    public const int MaxBytesLength = 1024 * 1024;
    public const int MaxListLength = 100_000;

    /// <summary>Characters, bytes and list elements an evaluation may create in total, so that a macro repeating a large
    /// concatenation or conversion (each within the per-value caps) cannot allocate gigabytes.</summary>
    public const long MaxAllocatedUnits = 16L * 1024 * 1024;
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);
    public const int MaxCachedPrograms = 1024;
}
