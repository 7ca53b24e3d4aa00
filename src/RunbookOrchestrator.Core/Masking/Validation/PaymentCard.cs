namespace RunbookOrchestrator.Masking.Validation;

/// <summary>Decides whether a digit string is a plausible payment card number: known issuer prefix, length and Luhn.</summary>
public static class PaymentCard
{
    /// <summary>True for 13-19 digits (separators ignored) with a known issuer prefix that pass Luhn.</summary>
    public static bool IsValid(string value)
    {
        Span<char> digits = stackalloc char[32];
        var n = 0;
        foreach (var c in value)
        {
            if (c is ' ' or '-') continue;
            if (c is < '0' or > '9' || n == digits.Length) return false;
            digits[n++] = c;
        }
        if (n is < 13 or > 19) return false;
        var d = digits[..n];
        if (d.IndexOfAnyExcept(d[0]) < 0) return false;
        return HasIssuerPrefix(d) && Luhn.IsValid(d);
    }

    // Issuer ranges keep random Luhn-valid numbers (one in ten) from being called cards.
    private static bool HasIssuerPrefix(ReadOnlySpan<char> d)
    {
        var two = (d[0] - '0') * 10 + (d[1] - '0');
        var four = two * 100 + (d[2] - '0') * 10 + (d[3] - '0');
        var three = four / 10;
        return d[0] == '4'                                  // Visa
            || two is >= 51 and <= 55                       // Mastercard
            || four is >= 2221 and <= 2720                  // Mastercard 2-series
            || two is 34 or 37                              // Amex
            || four == 6011 || two == 65 || three is >= 644 and <= 649 // Discover
            || two == 35                                    // JCB
            || two is 36 or 38 || three is >= 300 and <= 305 // Diners
            || two == 62                                    // UnionPay
            || two is 50 or 56 or 57 or 58 or 67 or 63      // Maestro
            || four is >= 2200 and <= 2204;                 // Mir
    }
}
