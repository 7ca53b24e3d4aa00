namespace RunbookOrchestrator.Expressions;

/// <summary>A CEL signed 64-bit integer.</summary>
public sealed class CelInt(long value) : CelValue
{
    public long Value { get; } = value;
    public override string TypeName => "int";
}
