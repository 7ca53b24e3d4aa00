namespace RunbookOrchestrator.Expressions;

/// <summary>State of one evaluation: the variables, the macro variables in scope and the remaining step budget.</summary>
internal sealed class CelEvaluationContext(CelActivation activation, int stepBudget)
{
    private readonly List<(string Name, CelValue Value)> _locals = [];
    private int _steps;

    /// <summary>Counts one evaluation step; running out aborts the whole evaluation rather than producing an error value,
    /// so that <c>||</c> or <c>&amp;&amp;</c> cannot absorb it.</summary>
    public void Step(int column)
    {
        if (++_steps > stepBudget)
            throw new ExpressionException($"evaluation exceeded the budget of {stepBudget} steps", column);
    }

    public void Push(string name, CelValue value) => _locals.Add((name, value));

    public void Pop() => _locals.RemoveAt(_locals.Count - 1);

    public void SetTop(CelValue value) => _locals[^1] = (_locals[^1].Name, value);

    public bool TryResolve(string name, out CelValue? value)
    {
        for (var i = _locals.Count - 1; i >= 0; i--)
        {
            if (_locals[i].Name != name) continue;
            value = _locals[i].Value;
            return true;
        }
        return activation.TryResolve(name, out value);
    }
}
