namespace RunbookOrchestrator.Masking.Validation;

/// <summary>US social security number ranges the SSA never issues.</summary>
public static class UsSsn
{
    /// <summary>True for <c>AAA-GG-SSSS</c> (dashes or spaces) outside area 000, 666, 900-999, group 00 and serial 0000.</summary>
    public static bool IsValid(string value)
    {
        Span<char> d = stackalloc char[9];
        var n = 0;
        foreach (var c in value)
        {
            if (c is '-' or ' ') continue;
            if (!char.IsAsciiDigit(c) || n == 9) return false;
            d[n++] = c;
        }
        if (n != 9) return false;
        var area = int.Parse(d[..3]);
        var group = int.Parse(d.Slice(3, 2));
        var serial = int.Parse(d[5..]);
        return area is not (0 or 666 or >= 900) && group != 0 && serial != 0;
    }
}
