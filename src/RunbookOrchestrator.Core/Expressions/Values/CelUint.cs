namespace RunbookOrchestrator.Expressions;

/// <summary>A CEL unsigned 64-bit integer.</summary>
public sealed class CelUint(ulong value) : CelValue
{
    public ulong Value { get; } = value;
    public override string TypeName => "uint";
}
