namespace RunbookOrchestrator.Expressions;

/// <summary>A normalised map key so that <c>1</c>, <c>1u</c> and <c>1.0</c> find the same entry, as CEL's heterogeneous equality requires.</summary>
internal readonly record struct CelMapKey(int Kind, Int128 Number, string? Text)
{
    private const int BoolKind = 0;
    private const int NumberKind = 1;
    private const int StringKind = 2;

    /// <summary>Returns null when the value cannot be a key of an existing map (for lookups, only integral doubles are accepted).</summary>
    public static CelMapKey? ForLookup(CelValue key) => key switch
    {
        CelDouble d when double.IsFinite(d.Value) && Math.Floor(d.Value) == d.Value && Math.Abs(d.Value) < 1.9e19 => new(NumberKind, (Int128)d.Value, null),
        _ => ForDefinition(key),
    };

    /// <summary>Returns null when CEL does not allow the value as a map key (only int, uint, bool and string are).</summary>
    public static CelMapKey? ForDefinition(CelValue key) => key switch
    {
        CelBool b => new(BoolKind, b.Value ? 1 : 0, null),
        CelInt i => new(NumberKind, i.Value, null),
        CelUint u => new(NumberKind, u.Value, null),
        CelString s => new(StringKind, 0, s.Value),
        _ => null,
    };
}
