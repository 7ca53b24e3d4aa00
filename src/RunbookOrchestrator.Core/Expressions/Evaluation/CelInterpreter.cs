namespace RunbookOrchestrator.Expressions;

/// <summary>Walks a parsed expression and computes its value; errors travel as <see cref="CelError"/> values so logical operators can absorb them.</summary>
internal static class CelInterpreter
{
    public static CelValue Eval(CelExpr expr, CelEvaluationContext ctx)
    {
        ctx.Step(expr.Column);
        var result = expr switch
        {
            CelConstExpr c => c.Value,
            CelIdentExpr i => Resolve(i, ctx),
            CelSelectExpr s => Select(s, ctx),
            CelIndexExpr i => Index(Eval(i.Operand, ctx), Eval(i.Index, ctx)),
            CelUnaryExpr u => Unary(u, ctx),
            CelBinaryExpr b => Binary(b, ctx),
            CelConditionalExpr c => Conditional(c, ctx),
            CelListExpr l => List(l, ctx),
            CelMapExpr m => Map(m, ctx),
            CelCallExpr call => Call(call, ctx),
            CelMacroExpr macro => CelMacros.Eval(macro, ctx),
            _ => new CelError($"unsupported expression {expr.GetType().Name}"),
        };
        if (expr is CelListExpr or CelMapExpr or CelMacroExpr or CelBinaryExpr { Operator: CelTokenKind.Plus }) ctx.Allocated(result, expr.Column);
        return result is CelError { Column: null } e ? new CelError(e.Message, expr.Column) : result;
    }

    private static CelValue Resolve(CelIdentExpr ident, CelEvaluationContext ctx)
    {
        if (ident.RootScope ? ctx.TryResolveVariable(ident.Name, out var value) : ctx.TryResolve(ident.Name, out value)) return value!;
        if (CelType.BuiltInNames.Contains(ident.Name)) return new CelType(ident.Name);
        return new CelError($"undeclared reference to '{ident.Name}'");
    }

    private static CelValue Select(CelSelectExpr select, CelEvaluationContext ctx)
    {
        if (!select.TestOnly && ctx.TryResolveQualified(select, out var qualified)) return qualified!;
        var operand = Eval(select.Operand, ctx);
        var key = new CelString(select.Field);
        return operand switch
        {
            CelError => operand,
            CelMap m when select.TestOnly => CelBool.Of(m.ContainsKey(key)),
            CelMap m => m.TryGet(key, out var v) ? v! : new CelError($"no such key: {select.Field}"),
            _ => new CelError(select.TestOnly
                ? $"no such overload: has() on {operand.TypeName} (only map keys can be tested)"
                : $"type '{operand.TypeName}' does not support field selection"),
        };
    }

    internal static CelValue Index(CelValue operand, CelValue index)
    {
        if (operand is CelError) return operand;
        if (index is CelError) return index;
        switch (operand)
        {
            case CelList list:
                var position = index switch
                {
                    CelInt i => (Int128?)i.Value,
                    CelUint u => u.Value,
                    CelDouble d when double.IsFinite(d.Value) && Math.Floor(d.Value) == d.Value && Math.Abs(d.Value) < 1e19 => (Int128)d.Value,
                    _ => null,
                };
                if (position is not { } p)
                    return index switch
                    {
                        CelDouble d when Math.Floor(d.Value) == d.Value => new CelError($"index out of range: {CelDisplay.Format(d)}"),
                        CelDouble d => new CelError($"invalid_argument: list index {CelDisplay.Format(d)} is not a whole number"),
                        _ => CelError.NoSuchOverload($"_[_](list, {index.TypeName})"),
                    };
                return p >= 0 && p < list.Items.Count ? list.Items[(int)p] : new CelError($"index out of range: {CelDisplay.Format(index)}");
            case CelMap map:
                if (CelMapKey.ForLookup(index) is null && index is not CelDouble)
                    return CelError.NoSuchOverload($"_[_](map, {index.TypeName})");
                return map.TryGet(index, out var value) ? value! : new CelError($"no such key: {CelDisplay.Format(index)}");
            default:
                return CelError.NoSuchOverload($"_[_]({operand.TypeName}, {index.TypeName})");
        }
    }

    private static CelValue Unary(CelUnaryExpr unary, CelEvaluationContext ctx)
    {
        var operand = Eval(unary.Operand, ctx);
        if (operand is CelError) return operand;
        if (unary.Operator == CelTokenKind.Minus) return CelArithmetic.Negate(operand);
        return operand is CelBool b ? CelBool.Of(!b.Value) : CelError.NoSuchOverload($"!_({operand.TypeName})");
    }

    private static CelValue Binary(CelBinaryExpr binary, CelEvaluationContext ctx)
    {
        if (binary.Operator is CelTokenKind.AndAnd or CelTokenKind.OrOr) return Logical(binary, ctx);
        var left = Eval(binary.Left, ctx);
        var right = Eval(binary.Right, ctx);
        if (left is CelError) return left;
        if (right is CelError) return right;
        return binary.Operator switch
        {
            CelTokenKind.Plus => CelArithmetic.Add(left, right),
            CelTokenKind.Minus => CelArithmetic.Subtract(left, right),
            CelTokenKind.Star => CelArithmetic.Multiply(left, right),
            CelTokenKind.Slash => CelArithmetic.Divide(left, right),
            CelTokenKind.Percent => CelArithmetic.Modulo(left, right),
            CelTokenKind.EqualEqual => CelBool.Of(CelEquality.AreEqual(left, right)),
            CelTokenKind.BangEqual => CelBool.Of(!CelEquality.AreEqual(left, right)),
            CelTokenKind.In => In(left, right),
            _ => Relation(binary.Operator, left, right),
        };
    }

    /// <summary>CEL's commutative logic: a decisive operand (false for &amp;&amp;, true for ||) wins even if the other side is an error.</summary>
    private static CelValue Logical(CelBinaryExpr binary, CelEvaluationContext ctx)
    {
        var decisive = binary.Operator == CelTokenKind.OrOr;
        var left = Eval(binary.Left, ctx);
        if (left is CelBool lb && lb.Value == decisive) return lb;
        var right = Eval(binary.Right, ctx);
        if (right is CelBool rb && rb.Value == decisive) return rb;
        if (left is CelBool && right is CelBool) return CelBool.Of(!decisive);
        if (left is CelError) return left;
        if (right is CelError) return right;
        var name = decisive ? "_||_" : "_&&_";
        return CelError.NoSuchOverload($"{name}({left.TypeName}, {right.TypeName})");
    }

    private static CelValue Relation(CelTokenKind op, CelValue left, CelValue right)
    {
        if (CelEquality.Compare(left, right) is not { } cmp)
            return CelError.NoSuchOverload($"{OperatorName(op)}({left.TypeName}, {right.TypeName})");
        if (double.IsNaN(cmp)) return CelBool.False;
        return CelBool.Of(op switch
        {
            CelTokenKind.Less => cmp < 0,
            CelTokenKind.LessEqual => cmp <= 0,
            CelTokenKind.Greater => cmp > 0,
            _ => cmp >= 0,
        });
    }

    private static string OperatorName(CelTokenKind op) => op switch
    {
        CelTokenKind.Less => "_<_",
        CelTokenKind.LessEqual => "_<=_",
        CelTokenKind.Greater => "_>_",
        _ => "_>=_",
    };

    private static CelValue In(CelValue element, CelValue container) => container switch
    {
        CelList l => CelBool.Of(l.Items.Any(item => CelEquality.AreEqual(element, item))),
        CelMap m => CelBool.Of(m.ContainsKey(element)),
        _ => CelError.NoSuchOverload($"@in({element.TypeName}, {container.TypeName})"),
    };

    private static CelValue Conditional(CelConditionalExpr conditional, CelEvaluationContext ctx)
    {
        var condition = Eval(conditional.Condition, ctx);
        return condition switch
        {
            CelBool { Value: true } => Eval(conditional.Then, ctx),
            CelBool => Eval(conditional.Else, ctx),
            CelError => condition,
            _ => CelError.NoSuchOverload($"_?_:_({condition.TypeName})"),
        };
    }

    private static CelValue List(CelListExpr list, CelEvaluationContext ctx)
    {
        var items = new List<CelValue>(list.Items.Count);
        foreach (var item in list.Items)
        {
            var value = Eval(item, ctx);
            if (value is CelError) return value;
            items.Add(value);
        }
        return new CelList(items);
    }

    private static CelValue Map(CelMapExpr map, CelEvaluationContext ctx)
    {
        var entries = new List<KeyValuePair<CelValue, CelValue>>(map.Entries.Count);
        foreach (var (keyExpr, valueExpr) in map.Entries)
        {
            var key = Eval(keyExpr, ctx);
            if (key is CelError) return key;
            var value = Eval(valueExpr, ctx);
            if (value is CelError) return value;
            entries.Add(new(key, value));
        }
        return CelMap.TryCreate(entries, out var result, out var error) ? result! : new CelError(error!);
    }

    private static CelValue Call(CelCallExpr call, CelEvaluationContext ctx)
    {
        var target = call.Target is null ? null : Eval(call.Target, ctx);
        var args = new CelValue[call.Args.Count];
        for (var i = 0; i < args.Length; i++) args[i] = Eval(call.Args[i], ctx);
        var result = CelFunctions.Invoke(call.Function, target, args);
        // Identity conversions such as string('a') or dyn(x) hand back their argument, which is not a new allocation.
        if (!ReferenceEquals(result, target) && !args.Any(a => ReferenceEquals(a, result))) ctx.Allocated(result, call.Column);
        return result;
    }
}
