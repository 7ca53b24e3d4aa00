namespace RunbookOrchestrator.Expressions;

/// <summary>The standard functions available to expressions: size, string tests, matches and the conversions.</summary>
internal static class CelFunctions
{
    /// <summary>Invokes a function on already evaluated arguments; <paramref name="target"/> is the receiver of <c>x.f()</c> calls.</summary>
    public static CelValue Invoke(string name, CelValue? target, IReadOnlyList<CelValue> args)
    {
        if (target is CelError targetError) return targetError;
        foreach (var arg in args)
            if (arg is CelError error) return error;

        return (name, target, args) switch
        {
            ("size", null, [var x]) => Size(x),
            ("size", { } x, []) => Size(x),
            ("contains", CelString s, [CelString t]) => CelBool.Of(s.Value.Contains(t.Value, StringComparison.Ordinal)),
            ("startsWith", CelString s, [CelString t]) => CelBool.Of(s.Value.StartsWith(t.Value, StringComparison.Ordinal)),
            ("endsWith", CelString s, [CelString t]) => CelBool.Of(s.Value.EndsWith(t.Value, StringComparison.Ordinal)),
            ("matches", CelString s, [CelString re]) => CelRegex.Matches(s.Value, re.Value),
            ("matches", null, [CelString s, CelString re]) => CelRegex.Matches(s.Value, re.Value),
            (_, null, [var x]) when CelConversions.IsConversion(name) => CelConversions.Convert(name, x),
            _ when TimeFunctions.Contains(name) => new CelError($"timestamps and durations are not supported: {name}()"),
            _ when !KnownFunctions.Contains(name) => new CelError($"unknown function: {name}()"),
            _ => CelError.NoSuchOverload(Signature(name, target, args)),
        };
    }

    private static readonly HashSet<string> KnownFunctions = new(StringComparer.Ordinal)
    {
        "size", "contains", "startsWith", "endsWith", "matches", "int", "uint", "double", "string", "bytes", "bool", "type", "dyn",
    };

    // Standard CEL functions of the unsupported timestamp and duration types get their own message, so that a
    // policy ported from elsewhere fails with the reason rather than a puzzling "unknown function".
    private static readonly HashSet<string> TimeFunctions = new(StringComparer.Ordinal)
    {
        "timestamp", "duration", "getFullYear", "getMonth", "getDate", "getDayOfMonth", "getDayOfWeek", "getDayOfYear",
        "getHours", "getMinutes", "getSeconds", "getMilliseconds",
    };

    private static CelValue Size(CelValue value) => value switch
    {
        CelString s => new CelInt(CelEquality.CodePointCount(s.Value)),
        CelBytes b => new CelInt(b.Length),
        CelList l => new CelInt(l.Items.Count),
        CelMap m => new CelInt(m.Count),
        _ => CelError.NoSuchOverload($"size({value.TypeName})"),
    };

    private static string Signature(string name, CelValue? target, IReadOnlyList<CelValue> args) =>
        (target is null ? "" : target.TypeName + ".") + name + "(" + string.Join(", ", args.Select(a => a.TypeName)) + ")";
}
