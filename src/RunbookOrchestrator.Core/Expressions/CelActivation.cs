using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Expressions;

/// <summary>The variables an expression can read, by top-level name.</summary>
public sealed class CelActivation(IReadOnlyDictionary<string, CelValue> variables)
{
    public static CelActivation Empty { get; } = new(new Dictionary<string, CelValue>());

    public IReadOnlyDictionary<string, CelValue> Variables { get; } = variables;

    /// <summary>Whether any variable name contains a dot (such as "a.b.c"); only then is qualified-name resolution tried.</summary>
    internal bool HasQualifiedNames { get; } = variables.Keys.Any(k => k.Contains('.'));

    /// <summary>Each property of the JSON object becomes a variable (<c>inputs</c>, <c>steps</c>, <c>run</c>, ...).</summary>
    public static CelActivation FromJson(JsonObject? scope) =>
        scope is null
            ? Empty
            : new CelActivation(scope.ToDictionary(p => p.Key, p => CelValue.FromJson(p.Value), StringComparer.Ordinal));

    public bool TryResolve(string name, out CelValue? value) => Variables.TryGetValue(name, out value);
}
