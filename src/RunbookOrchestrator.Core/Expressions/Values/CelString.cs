namespace RunbookOrchestrator.Expressions;

/// <summary>A CEL string (a sequence of Unicode code points).</summary>
public sealed class CelString(string value) : CelValue
{
    public string Value { get; } = value;
    public override string TypeName => "string";
}
