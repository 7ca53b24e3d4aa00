namespace RunbookOrchestrator.Masking.Validation;

/// <summary>The Luhn check digit test used by payment card numbers.</summary>
public static class Luhn
{
    /// <summary>True when the digits of <paramref name="value"/> (separators ignored) pass the Luhn test.</summary>
    public static bool IsValid(ReadOnlySpan<char> value)
    {
        int sum = 0, count = 0;
        for (var i = value.Length - 1; i >= 0; i--)
        {
            var c = value[i];
            if (c is ' ' or '-') continue;
            if (c is < '0' or > '9') return false;
            var d = c - '0';
            if ((count & 1) == 1) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
            count++;
        }
        return count > 0 && sum % 10 == 0;
    }
}
