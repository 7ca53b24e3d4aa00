using System.Net;
using System.Net.Sockets;

namespace RunbookOrchestrator.Egress;

/// <summary>A CIDR block (<c>10.0.0.0/8</c>, <c>fc00::/7</c>), parsed strictly and matched on the network bytes.</summary>
public sealed record AddressRange(IPAddress Network, int PrefixLength)
{
    /// <summary>Parses <c>address/prefix</c> or a single address (a /32 or /128); null when it is neither.</summary>
    public static AddressRange? TryParse(string text)
    {
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        if (!IsPlainAddress(addressText) || !IPAddress.TryParse(addressText, out var address)) return null;
        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = max;
        if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out prefix) || prefix > max))
            return null;
        return new AddressRange(address, prefix);
    }

    /// <summary>True when <paramref name="address"/> (same family) lies in this block.</summary>
    public bool Contains(IPAddress address)
    {
        if (address.AddressFamily != Network.AddressFamily) return false;
        var a = address.GetAddressBytes();
        var n = Network.GetAddressBytes();
        var bits = PrefixLength;
        for (var i = 0; i < a.Length && bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : (byte)(0xFF << (8 - bits));
            if ((a[i] & mask) != (n[i] & mask)) return false;
        }
        return true;
    }

    public override string ToString() => $"{Network}/{PrefixLength}";

    // IPAddress.TryParse accepts "1", "0x7f.1" and other legacy IPv4 forms; a configuration entry must be written plainly.
    private static bool IsPlainAddress(string text) =>
        text.Contains(':') || (text.Split('.') is { Length: 4 } parts && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit) && (p.Length == 1 || p[0] != '0')));
}
