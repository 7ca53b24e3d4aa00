namespace RunbookOrchestrator.Expressions;

/// <summary>Measures the depth of a parsed expression without recursion, so that chains like <c>!!!!…x</c> or
/// <c>1+1+…</c> that the nesting limit does not count cannot exhaust the evaluator's stack.</summary>
internal static class CelTreeDepth
{
    /// <summary>Returns the first node found deeper than <paramref name="limit"/>, or null.</summary>
    public static CelExpr? FindTooDeep(CelExpr root, int limit)
    {
        var stack = new Stack<(CelExpr Node, int Depth)>();
        stack.Push((root, 1));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            if (depth > limit) return node;
            foreach (var child in Children(node)) stack.Push((child, depth + 1));
        }
        return null;
    }

    private static IEnumerable<CelExpr> Children(CelExpr node)
    {
        switch (node)
        {
            case CelSelectExpr s: yield return s.Operand; break;
            case CelIndexExpr i: yield return i.Operand; yield return i.Index; break;
            case CelCallExpr c:
                if (c.Target is not null) yield return c.Target;
                foreach (var a in c.Args) yield return a;
                break;
            case CelUnaryExpr u: yield return u.Operand; break;
            case CelBinaryExpr b: yield return b.Left; yield return b.Right; break;
            case CelConditionalExpr c: yield return c.Condition; yield return c.Then; yield return c.Else; break;
            case CelListExpr l:
                foreach (var item in l.Items) yield return item;
                break;
            case CelMapExpr m:
                foreach (var (k, v) in m.Entries) { yield return k; yield return v; }
                break;
            case CelMacroExpr macro:
                yield return macro.Range;
                yield return macro.Body;
                if (macro.Transform is not null) yield return macro.Transform;
                break;
        }
    }
}
