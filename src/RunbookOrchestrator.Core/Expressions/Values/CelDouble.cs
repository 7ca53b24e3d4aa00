namespace RunbookOrchestrator.Expressions;

/// <summary>A CEL IEEE-754 double.</summary>
public sealed class CelDouble(double value) : CelValue
{
    public double Value { get; } = value;
    public override string TypeName => "double";
}
