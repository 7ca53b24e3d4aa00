namespace RunbookOrchestrator.Expressions;

/// <summary>CEL arithmetic: checked int64 and uint64, IEEE doubles, no implicit mixing of numeric types, concatenation of strings, bytes and lists.</summary>
internal static class CelArithmetic
{
    private static CelError IntOverflow => new("integer overflow");
    private static CelError UintOverflow => new("unsigned integer overflow");

    public static CelValue Add(CelValue a, CelValue b) => (a, b) switch
    {
        (CelInt x, CelInt y) => Checked(() => new CelInt(checked(x.Value + y.Value)), IntOverflow),
        (CelUint x, CelUint y) => Checked(() => new CelUint(checked(x.Value + y.Value)), UintOverflow),
        (CelDouble x, CelDouble y) => new CelDouble(x.Value + y.Value),
        (CelString x, CelString y) => x.Value.Length + y.Value.Length > CelLimits.MaxStringLength
            ? new CelError($"string result exceeds the limit of {CelLimits.MaxStringLength} characters")
            : new CelString(x.Value + y.Value),
        (CelBytes x, CelBytes y) => x.Length + y.Length > CelLimits.MaxBytesLength
            ? new CelError($"bytes result exceeds the limit of {CelLimits.MaxBytesLength} bytes")
            : new CelBytes([.. x.Value, .. y.Value]),
        (CelList x, CelList y) => x.Items.Count + y.Items.Count > CelLimits.MaxListLength
            ? new CelError($"list result exceeds the limit of {CelLimits.MaxListLength} elements")
            : new CelList([.. x.Items, .. y.Items]),
        _ => CelError.NoSuchOverload($"_+_({a.TypeName}, {b.TypeName})"),
    };

    public static CelValue Subtract(CelValue a, CelValue b) => (a, b) switch
    {
        (CelInt x, CelInt y) => Checked(() => new CelInt(checked(x.Value - y.Value)), IntOverflow),
        (CelUint x, CelUint y) => Checked(() => new CelUint(checked(x.Value - y.Value)), UintOverflow),
        (CelDouble x, CelDouble y) => new CelDouble(x.Value - y.Value),
        _ => CelError.NoSuchOverload($"_-_({a.TypeName}, {b.TypeName})"),
    };

    public static CelValue Multiply(CelValue a, CelValue b) => (a, b) switch
    {
        (CelInt x, CelInt y) => Checked(() => new CelInt(checked(x.Value * y.Value)), IntOverflow),
        (CelUint x, CelUint y) => Checked(() => new CelUint(checked(x.Value * y.Value)), UintOverflow),
        (CelDouble x, CelDouble y) => new CelDouble(x.Value * y.Value),
        _ => CelError.NoSuchOverload($"_*_({a.TypeName}, {b.TypeName})"),
    };

    public static CelValue Divide(CelValue a, CelValue b) => (a, b) switch
    {
        (CelInt, CelInt { Value: 0 }) or (CelUint, CelUint { Value: 0 }) => new CelError("division by zero"),
        (CelInt { Value: long.MinValue }, CelInt { Value: -1 }) => IntOverflow,
        (CelInt x, CelInt y) => new CelInt(x.Value / y.Value),
        (CelUint x, CelUint y) => new CelUint(x.Value / y.Value),
        (CelDouble x, CelDouble y) => new CelDouble(x.Value / y.Value),
        _ => CelError.NoSuchOverload($"_/_({a.TypeName}, {b.TypeName})"),
    };

    public static CelValue Modulo(CelValue a, CelValue b) => (a, b) switch
    {
        (CelInt, CelInt { Value: 0 }) or (CelUint, CelUint { Value: 0 }) => new CelError("modulus by zero"),
        (CelInt { Value: long.MinValue }, CelInt { Value: -1 }) => IntOverflow,
        (CelInt x, CelInt y) => new CelInt(x.Value % y.Value),
        (CelUint x, CelUint y) => new CelUint(x.Value % y.Value),
        _ => CelError.NoSuchOverload($"_%_({a.TypeName}, {b.TypeName})"),
    };

    public static CelValue Negate(CelValue a) => a switch
    {
        CelInt { Value: long.MinValue } => IntOverflow,
        CelInt x => new CelInt(-x.Value),
        CelDouble x => new CelDouble(-x.Value),
        _ => CelError.NoSuchOverload($"-_({a.TypeName})"),
    };

    private static CelValue Checked(Func<CelValue> operation, CelError overflow)
    {
        try
        {
            return operation();
        }
        catch (OverflowException)
        {
            return overflow;
        }
    }
}
