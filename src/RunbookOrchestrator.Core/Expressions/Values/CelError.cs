namespace RunbookOrchestrator.Expressions;

/// <summary>An evaluation error carried as a value, so that <c>&amp;&amp;</c>, <c>||</c> and macros can absorb it as CEL requires.</summary>
internal sealed class CelError(string message, int? column = null) : CelValue
{
    public string Message { get; } = message;
    public int? Column { get; } = column;
    public override string TypeName => "error";

    public static CelError NoSuchOverload(string function, int? column = null) => new($"no such overload: {function}", column);
}
