using System.Text;

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

    /// <summary>Exact comparison (no rounding through double for large integers); NaN yields double.NaN.</summary>
    private static double CompareNumbers(CelValue a, CelValue b) => (a, b) switch
    {
        (CelDouble x, CelDouble y) => double.IsNaN(x.Value) || double.IsNaN(y.Value) ? double.NaN : x.Value.CompareTo(y.Value),
        (CelDouble x, _) => -CompareIntegerWithDouble(AsInteger(b), x.Value),
        (_, CelDouble y) => CompareIntegerWithDouble(AsInteger(a), y.Value),
        _ => AsInteger(a).CompareTo(AsInteger(b)),
    };

    private static Int128 AsInteger(CelValue v) => v switch
    {
        CelInt i => i.Value,
        CelUint u => u.Value,
        _ => 0,
    };

    private static double CompareIntegerWithDouble(Int128 integer, double d)
    {
        if (double.IsNaN(d)) return double.NaN;
        if (d >= 1.8446744073709552e19) return -1;
        if (d <= -9.3e18) return 1;
        var whole = (Int128)Math.Truncate(d);
        var cmp = integer.CompareTo(whole);
        if (cmp != 0) return cmp;
        var fraction = d - Math.Truncate(d);
        return fraction > 0 ? -1 : fraction < 0 ? 1 : 0;
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

    public static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
