namespace RunbookOrchestrator.Expressions;

/// <summary>CEL's heterogeneous equality and ordering: numbers compare by value across int, uint and double; other kinds only with themselves.</summary>
internal static class CelEquality
{
    public static bool AreEqual(CelValue a, CelValue b)
    {
        if (IsNumber(a) && IsNumber(b)) return CompareNumbers(a, b) == 0;
        return (a, b) switch
        {
            (CelString x, CelString y) => string.Equals(x.Value, y.Value, StringComparison.Ordinal),
            (CelBool x, CelBool y) => x.Value == y.Value,
            (CelNull, CelNull) => true,
            (CelBytes x, CelBytes y) => x.Value.SequenceEqual(y.Value),
            (CelType x, CelType y) => x.Name == y.Name,
            (CelList x, CelList y) => ListsEqual(x, y),
            (CelMap x, CelMap y) => MapsEqual(x, y),
            _ => false,
        };
    }

    /// <summary>Orders two values; null when CEL has no ordering overload for the pair, NaN when a double is NaN (every comparison is then false).</summary>
    public static double? Compare(CelValue a, CelValue b)
    {
        if (IsNumber(a) && IsNumber(b)) return CompareNumbers(a, b);
        return (a, b) switch
        {
            (CelString x, CelString y) => Math.Sign(CompareCodePoints(x.Value, y.Value)),
            (CelBool x, CelBool y) => x.Value.CompareTo(y.Value),
            (CelBytes x, CelBytes y) => Math.Sign(x.Value.SequenceCompareTo(y.Value)),
            _ => null,
        };
    }

    public static bool IsNumber(CelValue v) => v is CelInt or CelUint or CelDouble;

    private static bool ListsEqual(CelList x, CelList y)
    {
        if (x.Items.Count != y.Items.Count) return false;
        for (var i = 0; i < x.Items.Count; i++)
            if (!AreEqual(x.Items[i], y.Items[i])) return false;
        return true;
    }

    private static bool MapsEqual(CelMap x, CelMap y)
    {
        if (x.Count != y.Count) return false;
        foreach (var (key, value) in x.Entries)
            if (!y.TryGet(key, out var other) || !AreEqual(value, other!)) return false;
        return true;
    }

    /// <summary>int/uint compare exactly; against a double the integer is rounded to double once it is in the
    /// double's integer range, as cel-go (and the cel-spec conformance tests) do. NaN yields double.NaN.</summary>
    private static double CompareNumbers(CelValue a, CelValue b) => (a, b) switch
    {
        (CelDouble x, CelDouble y) => CompareDoubles(x.Value, y.Value),
        (CelDouble x, _) => -CompareIntegerWithDouble(b, x.Value),
        (_, CelDouble y) => CompareIntegerWithDouble(a, y.Value),
        _ => AsInteger(a).CompareTo(AsInteger(b)),
    };

    private static double CompareDoubles(double x, double y) => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : x.CompareTo(y);

    private static Int128 AsInteger(CelValue v) => v switch
    {
        CelInt i => i.Value,
        CelUint u => u.Value,
        _ => 0,
    };

    private static double CompareIntegerWithDouble(CelValue integer, double d)
    {
        if (double.IsNaN(d)) return double.NaN;
        return integer switch
        {
            CelInt i when d < -9.2233720368547758e18 => 1,
            CelInt i when d > 9.2233720368547758e18 => -1,
            CelInt i => CompareDoubles(i.Value, d),
            CelUint u when d < 0 => 1,
            CelUint u when d > 1.8446744073709552e19 => -1,
            CelUint u => CompareDoubles(u.Value, d),
            _ => double.NaN,
        };
    }

    private static int CompareCodePoints(string x, string y)
    {
        var ex = x.EnumerateRunes();
        var ey = y.EnumerateRunes();
        while (true)
        {
            var hx = ex.MoveNext();
            var hy = ey.MoveNext();
            if (!hx || !hy) return hx.CompareTo(hy);
            var c = ex.Current.Value.CompareTo(ey.Current.Value);
            if (c != 0) return c;
        }
    }

    /// <summary>Number of Unicode code points, which is what CEL's size() counts for strings.</summary>
    public static int CodePointCount(string s)
    {
        var n = 0;
        foreach (var _ in s.EnumerateRunes()) n++;
        return n;
    }
}
