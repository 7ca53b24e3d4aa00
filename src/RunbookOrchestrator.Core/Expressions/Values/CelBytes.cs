namespace RunbookOrchestrator.Expressions;

/// <summary>A CEL byte sequence.</summary>
public sealed class CelBytes(byte[] value) : CelValue
{
    private readonly byte[] _value = value;

    /// <summary>The bytes; read-only so a value can be shared between evaluations.</summary>
    public ReadOnlySpan<byte> Value => _value;

    public int Length => _value.Length;
    public override string TypeName => "bytes";
}
