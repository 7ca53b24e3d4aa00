namespace RunbookOrchestrator.Masking.Validation;

/// <summary>US social security number ranges the SSA never issues.</summary>
public static class UsSsn
{
    /// <summary>
    /// True when the digit group <c>[start, end)</c> has parts of at least 3, exactly 2 and at least 4 digits in a row,
    /// each separated by one dash or space, as an SSN written <c>AAA-GG-SSSS</c> needs.
    /// </summary>
    public static bool CouldBeIn(string text, int start, int end)
    {
        // The last two digit parts, and whether each was joined to the part before it by exactly one dash or space.
        int before = 0, previous = 0, run = 0, gap = 0;
        bool previousJoined = false, joined = false, gapClean = true;
        for (var i = start; i <= end; i++)
        {
            var c = i < end ? text[i] : '\0';
            if (char.IsAsciiDigit(c))
            {
                if (run == 0) joined = gap == 1 && gapClean;
                run++;
                continue;
            }
            if (run > 0)
            {
                if (before >= 3 && previous == 2 && run >= 4 && previousJoined && joined) return true;
                (before, previous, previousJoined) = (previous, run, joined);
                (run, gap, gapClean) = (0, 0, true);
            }
            gap++;
            if (c is not ('-' or ' ')) gapClean = false;
        }
        return false;
    }

    /// <summary>True for <c>AAA-GG-SSSS</c> (dashes or spaces) outside area 000, 666, 900-999, group 00 and serial 0000.</summary>
    public static bool IsValid(string value)
    {
        Span<char> d = stackalloc char[9];
        var n = 0;
        foreach (var c in value)
        {
            if (c is '-' or ' ' or '.') continue;
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
