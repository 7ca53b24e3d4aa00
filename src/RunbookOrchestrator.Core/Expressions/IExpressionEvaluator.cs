using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Expressions;

/// <summary>Evaluates CEL expressions against a JSON scope (<c>inputs</c>, <c>steps</c>, <c>run</c>, <c>requester</c>).</summary>
public interface IExpressionEvaluator
{
    /// <summary>Evaluates and returns the result as JSON. Throws <see cref="ExpressionException"/> on syntax or evaluation errors.</summary>
    JsonNode? Evaluate(string expression, JsonObject scope);

    /// <summary>Evaluates a condition; anything but a CEL bool is an <see cref="ExpressionException"/>.</summary>
    bool EvaluateCondition(string expression, JsonObject scope);

    /// <summary>Parses only. Returns null when the syntax is valid, otherwise the error with its 1-based column.</summary>
    ExpressionSyntaxError? CheckSyntax(string expression);

    /// <summary>The dotted variable paths an expression reads, such as <c>inputs.customer_id</c> or <c>steps.fetch.output</c>.</summary>
    IReadOnlyList<string> ReferencedPaths(string expression);
}

/// <summary>A syntax error at a 1-based column of the expression text.</summary>
public sealed record ExpressionSyntaxError(string Message, int Column);

/// <summary>A CEL syntax or evaluation error, with the column when known.</summary>
public sealed class ExpressionException(string message, int? column = null) : Exception(message)
{
    public int? Column { get; } = column;
}
