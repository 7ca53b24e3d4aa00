namespace RunbookOrchestrator.Expressions;

/// <summary>Finds the variable paths an expression reads: select chains and constant string indexes from a variable, stopping at the first dynamic index.</summary>
internal sealed class CelPathCollector
{
    private readonly List<string> _paths = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<string> _macroVariables = [];

    public static IReadOnlyList<string> Collect(CelExpr root)
    {
        var collector = new CelPathCollector();
        collector.Visit(root);
        return collector._paths;
    }

    private void Visit(CelExpr expr)
    {
        if (PathOf(expr) is { } path)
        {
            Add(path.Path);
            foreach (var dynamicPart in path.DynamicParts) Visit(dynamicPart);
            return;
        }
        switch (expr)
        {
            case CelSelectExpr s: Visit(s.Operand); break;
            case CelIndexExpr i: Visit(i.Operand); Visit(i.Index); break;
            case CelCallExpr c:
                if (c.Target is not null) Visit(c.Target);
                foreach (var a in c.Args) Visit(a);
                break;
            case CelUnaryExpr u: Visit(u.Operand); break;
            case CelBinaryExpr b: Visit(b.Left); Visit(b.Right); break;
            case CelConditionalExpr c: Visit(c.Condition); Visit(c.Then); Visit(c.Else); break;
            case CelListExpr l:
                foreach (var item in l.Items) Visit(item);
                break;
            case CelMapExpr m:
                foreach (var (k, v) in m.Entries) { Visit(k); Visit(v); }
                break;
            case CelMacroExpr macro:
                Visit(macro.Range);
                _macroVariables.Add(macro.Variable);
                Visit(macro.Body);
                if (macro.Transform is not null) Visit(macro.Transform);
                _macroVariables.RemoveAt(_macroVariables.Count - 1);
                break;
        }
    }

    /// <summary>The longest constant path ending at <paramref name="expr"/>, plus the index expressions beyond it that still need visiting.</summary>
    private (string Path, List<CelExpr> DynamicParts)? PathOf(CelExpr expr)
    {
        var segments = new List<string>();
        var dynamicParts = new List<CelExpr>();
        var current = expr;
        while (true)
        {
            switch (current)
            {
                case CelSelectExpr s:
                    segments.Add(s.Field);
                    current = s.Operand;
                    continue;
                case CelIndexExpr { Index: CelConstExpr { Value: CelString key } } i:
                    segments.Add(key.Value);
                    current = i.Operand;
                    continue;
                case CelIndexExpr i:
                    // A dynamic index cuts the path: everything collected so far lies beyond it.
                    segments.Clear();
                    dynamicParts.Add(i.Index);
                    current = i.Operand;
                    continue;
                case CelIdentExpr id when (id.RootScope || !_macroVariables.Contains(id.Name)) && !CelType.BuiltInNames.Contains(id.Name):
                    segments.Add(id.Name);
                    segments.Reverse();
                    return (string.Join('.', segments), dynamicParts);
                default:
                    return null;
            }
        }
    }

    private void Add(string path)
    {
        if (_seen.Add(path)) _paths.Add(path);
    }
}
