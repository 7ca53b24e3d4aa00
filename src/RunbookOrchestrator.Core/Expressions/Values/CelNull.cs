namespace RunbookOrchestrator.Expressions;

/// <summary>The CEL null value.</summary>
public sealed class CelNull : CelValue
{
    public static CelNull Instance { get; } = new();

    private CelNull() { }

    public override string TypeName => "null_type";
}
