using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Expressions;

/// <summary>The CEL implementation of <see cref="IExpressionEvaluator"/>; thread-safe, with a bounded cache of parsed programs.</summary>
public sealed class CelExpressionEvaluator : IExpressionEvaluator
{
    private readonly ConcurrentDictionary<string, CelProgram> _programs = new(StringComparer.Ordinal);

    public JsonNode? Evaluate(string expression, JsonObject scope) =>
        Program(expression).Evaluate(CelActivation.FromJson(scope)).ToJson();

    public bool EvaluateCondition(string expression, JsonObject scope)
    {
        var value = Program(expression).Evaluate(CelActivation.FromJson(scope));
        return value is CelBool b
            ? b.Value
            : throw new ExpressionException($"condition must evaluate to bool, but evaluated to {value.TypeName}");
    }

    public ExpressionSyntaxError? CheckSyntax(string expression)
    {
        try
        {
            Program(expression);
            return null;
        }
        catch (ExpressionException e)
        {
            return new ExpressionSyntaxError(e.Message, e.Column ?? 1);
        }
    }

    public IReadOnlyList<string> ReferencedPaths(string expression) => Program(expression).ReferencedPaths();

    /// <summary>Parses once per distinct text; the cache is emptied when full, which is cheap and keeps memory bounded.</summary>
    private CelProgram Program(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (_programs.TryGetValue(expression, out var cached)) return cached;
        var program = CelProgram.Parse(expression);
        if (_programs.Count >= CelLimits.MaxCachedPrograms) _programs.Clear();
        _programs[expression] = program;
        return program;
    }
}
