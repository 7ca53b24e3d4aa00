namespace RunbookOrchestrator.Expressions;

/// <summary>State of one evaluation: the variables, the macro variables in scope and the remaining step budget.</summary>
internal sealed class CelEvaluationContext(CelActivation activation, int stepBudget)
{
    private readonly List<(string Name, CelValue Value)> _locals = [];
    private int _steps;
    private long _allocated;

    /// <summary>Counts one evaluation step; running out aborts the whole evaluation rather than producing an error value,
    /// so that <c>||</c> or <c>&amp;&amp;</c> cannot absorb it.</summary>
    public void Step(int column)
    {
        if (++_steps > stepBudget)
            throw new ExpressionException($"evaluation exceeded the budget of {stepBudget} steps", column);
    }

    /// <summary>Charges a newly built string, bytes, list or map against <see cref="CelLimits.MaxAllocatedUnits"/>; like the step
    /// budget, running out aborts the evaluation.</summary>
    public void Allocated(CelValue value, int column)
    {
        _allocated += value switch
        {
            CelString s => s.Value.Length,
            CelBytes b => b.Length,
            CelList l => l.Items.Count,
            CelMap m => m.Count,
            _ => 0,
        };
        if (_allocated > CelLimits.MaxAllocatedUnits)
            throw new ExpressionException($"evaluation exceeded the limit of {CelLimits.MaxAllocatedUnits} characters, bytes and list elements created", column);
    }

    public void Push(string name, CelValue value) => _locals.Add((name, value));

    public void Pop() => _locals.RemoveAt(_locals.Count - 1);

    public void SetTop(CelValue value) => _locals[^1] = (_locals[^1].Name, value);

    /// <summary>Resolves <c>a.b.c</c> as one variable named "a.b.c" when the activation has such a dotted name, which CEL's
    /// name resolution prefers over selecting field <c>c</c> of <c>a.b</c>. The outermost selection is tried first, so the
    /// longest name wins. A macro variable named like the root shadows dotted names.</summary>
    public bool TryResolveQualified(CelSelectExpr select, out CelValue? value)
    {
        value = null;
        if (!activation.HasQualifiedNames || QualifiedName(select, out var rootScope) is not { } name) return false;
        var root = name[..name.IndexOf('.')];
        if (!rootScope)
            foreach (var local in _locals)
                if (local.Name == root) return false;
        return activation.TryResolve(name, out value);
    }

    /// <summary>Looks up a variable of the activation only, past any macro variable of the same name (for <c>.y</c>).</summary>
    public bool TryResolveVariable(string name, out CelValue? value) => activation.TryResolve(name, out value);

    private static string? QualifiedName(CelSelectExpr select, out bool rootScope)
    {
        rootScope = false;
        var parts = new List<string> { select.Field };
        CelExpr current = select.Operand;
        while (current is CelSelectExpr { TestOnly: false } s)
        {
            parts.Add(s.Field);
            current = s.Operand;
        }
        if (current is not CelIdentExpr ident) return null;
        rootScope = ident.RootScope;
        // A quoted field such as `b.c` is one map key, never part of a qualified variable name.
        if (parts.Any(p => !p.All(ch => ch == '_' || char.IsAsciiLetterOrDigit(ch)))) return null;
        parts.Add(ident.Name);
        parts.Reverse();
        return string.Join('.', parts);
    }

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
