using System.Globalization;
using System.Net;

namespace RunbookOrchestrator.Egress;

/// <summary>Reads a URL host that is an address in any form a resolver would accept: dotted, bracketed IPv6, and the legacy
/// inet_aton forms (<c>2852039166</c>, <c>0251.0376.0251.0376</c>, <c>0xA9FEA9FE</c>, <c>169.254.43518</c>).</summary>
/// <remarks>Such a host must be judged as the address it denotes; handed to DNS, getaddrinfo would turn it into that
/// address anyway, after the policy had seen only a "name".</remarks>
public static class HostAddressLiteral
{
    /// <summary>The address <paramref name="host"/> denotes, or null when it is a name.</summary>
    public static IPAddress? TryParse(string host)
    {
        var h = host.Trim().TrimEnd('.');
        if (h.StartsWith('[') && h.EndsWith(']')) h = h[1..^1];
        if (h.Contains(':'))
        {
            // Zone ids (fe80::1%eth0) are stripped by IPAddress.TryParse into ScopeId; the address is what matters.
            return IPAddress.TryParse(h, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? v6 : null;
        }
        return TryParseInetAton(h);
    }

    private static IPAddress? TryParseInetAton(string h)
    {
        var parts = h.Split('.');
        if (parts.Length is < 1 or > 4) return null;
        var values = new ulong[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!TryParsePart(parts[i], out values[i])) return null;
        // a / a.b (b 24 bits) / a.b.c (c 16 bits) / a.b.c.d
        ulong result = 0;
        for (var i = 0; i < values.Length - 1; i++)
        {
            if (values[i] > 0xFF) return null;
            result |= values[i] << (24 - 8 * i);
        }
        var lastBits = 32 - 8 * (values.Length - 1);
        var last = values[^1];
        if (lastBits < 64 && last >= 1UL << lastBits) return null;
        result |= last;
        return new IPAddress(new[] { (byte)(result >> 24), (byte)(result >> 16), (byte)(result >> 8), (byte)result });
    }

    private static bool TryParsePart(string part, out ulong value)
    {
        value = 0;
        if (part.Length == 0) return false;
        if (part.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return part.Length == 2 || (part.Length <= 18 && ulong.TryParse(part[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value));
        if (part.Length > 1 && part[0] == '0')
        {
            foreach (var c in part[1..])
            {
                if (c is < '0' or > '7') return false;
                if (value > ulong.MaxValue / 8) return false;
                value = value * 8 + (ulong)(c - '0');
            }
            return true;
        }
        return part.All(char.IsAsciiDigit) && part.Length <= 19 && ulong.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
