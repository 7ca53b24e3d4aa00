namespace RunbookOrchestrator.Expressions;

/// <summary>The comprehension macros all, exists, exists_one, map and filter over list elements or map keys.</summary>
internal static class CelMacros
{
    public static CelValue Eval(CelMacroExpr macro, CelEvaluationContext ctx)
    {
        var range = CelInterpreter.Eval(macro.Range, ctx);
        IReadOnlyList<CelValue> items;
        switch (range)
        {
            case CelError:
                return range;
            case CelList list:
                items = list.Items;
                break;
            case CelMap map:
                items = map.Entries.Select(e => e.Key).ToList();
                break;
            default:
                return CelError.NoSuchOverload($"{macro.Macro}() on {range.TypeName}");
        }

        ctx.Push(macro.Variable, CelNull.Instance);
        try
        {
            return macro.Macro switch
            {
                "all" => Quantify(macro, items, ctx, decisive: false),
                "exists" => Quantify(macro, items, ctx, decisive: true),
                "exists_one" => ExistsOne(macro, items, ctx),
                "filter" => Filter(macro, items, ctx),
                _ => Map(macro, items, ctx),
            };
        }
        finally
        {
            ctx.Pop();
        }
    }

    /// <summary>all() stops at the first false and exists() at the first true; errors elsewhere only matter if no element decides.</summary>
    private static CelValue Quantify(CelMacroExpr macro, IReadOnlyList<CelValue> items, CelEvaluationContext ctx, bool decisive)
    {
        CelValue? firstError = null;
        foreach (var item in items)
        {
            ctx.SetTop(item);
            var result = CelInterpreter.Eval(macro.Body, ctx);
            if (result is CelBool b)
            {
                if (b.Value == decisive) return b;
            }
            else
            {
                firstError ??= result as CelError ?? CelError.NoSuchOverload($"{macro.Macro}() predicate returned {result.TypeName}");
            }
        }
        return firstError ?? CelBool.Of(!decisive);
    }

    private static CelValue ExistsOne(CelMacroExpr macro, IReadOnlyList<CelValue> items, CelEvaluationContext ctx)
    {
        var count = 0;
        foreach (var item in items)
        {
            ctx.SetTop(item);
            switch (CelInterpreter.Eval(macro.Body, ctx))
            {
                case CelBool { Value: true }:
                    count++;
                    break;
                case CelBool:
                    break;
                case CelError error:
                    return error;
                case var other:
                    return CelError.NoSuchOverload($"exists_one() predicate returned {other.TypeName}");
            }
        }
        return CelBool.Of(count == 1);
    }

    private static CelValue Filter(CelMacroExpr macro, IReadOnlyList<CelValue> items, CelEvaluationContext ctx)
    {
        var kept = new List<CelValue>();
        foreach (var item in items)
        {
            ctx.SetTop(item);
            switch (CelInterpreter.Eval(macro.Body, ctx))
            {
                case CelBool { Value: true }:
                    kept.Add(item);
                    break;
                case CelBool:
                    break;
                case CelError error:
                    return error;
                case var other:
                    return CelError.NoSuchOverload($"filter() predicate returned {other.TypeName}");
            }
        }
        return new CelList(kept);
    }

    /// <summary>map(x, t) transforms every element; map(x, p, t) transforms those for which p holds.</summary>
    private static CelValue Map(CelMacroExpr macro, IReadOnlyList<CelValue> items, CelEvaluationContext ctx)
    {
        var results = new List<CelValue>(items.Count);
        foreach (var item in items)
        {
            ctx.SetTop(item);
            if (macro.Transform is not null)
            {
                var keep = CelInterpreter.Eval(macro.Body, ctx);
                if (keep is CelError) return keep;
                if (keep is not CelBool b) return CelError.NoSuchOverload($"map() filter returned {keep.TypeName}");
                if (!b.Value) continue;
            }
            var value = CelInterpreter.Eval(macro.Transform ?? macro.Body, ctx);
            if (value is CelError) return value;
            results.Add(value);
        }
        return new CelList(results);
    }
}
