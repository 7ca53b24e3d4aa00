namespace RunbookOrchestrator.Expressions;

/// <summary>A CEL type value, as returned by <c>type(x)</c> or named by identifiers such as <c>int</c>.</summary>
public sealed class CelType(string name) : CelValue
{
    /// <summary>The type names CEL identifiers resolve to when no variable shadows them.</summary>
    public static IReadOnlySet<string> BuiltInNames { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "int", "uint", "double", "string", "bytes", "bool", "null_type", "list", "map", "type",
    };

    public string Name { get; } = name;
    public override string TypeName => "type";
}
