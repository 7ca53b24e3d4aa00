namespace RunbookOrchestrator.Expressions;

/// <summary>A CEL bool; use <see cref="True"/> and <see cref="False"/>.</summary>
public sealed class CelBool : CelValue
{
    public static CelBool True { get; } = new(true);
    public static CelBool False { get; } = new(false);

    private CelBool(bool value) => Value = value;

    public bool Value { get; }
    public override string TypeName => "bool";

    public static CelBool Of(bool value) => value ? True : False;
}
