namespace RunbookOrchestrator.Expressions;

/// <summary>A parsed CEL expression; immutable, so one instance can be evaluated concurrently.</summary>
public sealed class CelProgram
{
    private readonly CelExpr _root;

    private CelProgram(string source, CelExpr root)
    {
        Source = source;
        _root = root;
    }

    public string Source { get; }

    /// <summary>Parses the text; throws <see cref="ExpressionException"/> with the 1-based column of a syntax error.</summary>
    public static CelProgram Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return new CelProgram(expression, CelParser.Parse(expression));
    }

    /// <summary>Evaluates against the variables; an evaluation error is thrown as <see cref="ExpressionException"/>.</summary>
    public CelValue Evaluate(CelActivation activation)
    {
        var result = CelInterpreter.Eval(_root, new CelEvaluationContext(activation, CelLimits.MaxEvaluationSteps));
        return result is CelError error ? throw new ExpressionException(error.Message, error.Column) : result;
    }

    public CelValue Evaluate(IReadOnlyDictionary<string, CelValue> variables) => Evaluate(new CelActivation(variables));

    /// <summary>The dotted variable paths the expression reads, in order of first appearance.</summary>
    public IReadOnlyList<string> ReferencedPaths() => CelPathCollector.Collect(_root);
}
