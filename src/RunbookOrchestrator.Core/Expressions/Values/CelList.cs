namespace RunbookOrchestrator.Expressions;

/// <summary>A CEL list (elements may have different types).</summary>
public sealed class CelList(IReadOnlyList<CelValue> items) : CelValue
{
    public static CelList Empty { get; } = new([]);

    public IReadOnlyList<CelValue> Items { get; } = items;
    public override string TypeName => "list";
}
