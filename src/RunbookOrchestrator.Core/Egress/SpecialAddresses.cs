using System.Net;
using System.Net.Sockets;

namespace RunbookOrchestrator.Egress;

/// <summary>The address blocks no outbound call may reach unless configuration allows them: loopback, private, link-local
/// (cloud metadata), shared, multicast, reserved and documentation ranges (IANA special-purpose registries, RFC 6890).</summary>
/// <remarks>IPv6 forms that embed an IPv4 address (mapped <c>::ffff:a.b.c.d</c>, NAT64 <c>64:ff9b::/96</c>, 6to4
/// <c>2002::/16</c>, IPv4-compatible <c>::a.b.c.d</c>) are judged by the IPv4 address inside, so
/// <c>[::ffff:169.254.169.254]</c> is the metadata service however it is written.</remarks>
public static class SpecialAddresses
{
    private static readonly (AddressRange Range, string Name)[] Blocks =
    [
        (Block("0.0.0.0/8"), "\"this network\" (0.0.0.0/8)"),
        (Block("10.0.0.0/8"), "private (10.0.0.0/8)"),
        (Block("100.64.0.0/10"), "shared address space (100.64.0.0/10)"),
        (Block("127.0.0.0/8"), "loopback (127.0.0.0/8)"),
        (Block("169.254.0.0/16"), "link-local, where cloud metadata services live (169.254.0.0/16)"),
        (Block("172.16.0.0/12"), "private (172.16.0.0/12)"),
        (Block("192.0.0.0/24"), "IETF protocol assignments (192.0.0.0/24)"),
        (Block("192.0.2.0/24"), "documentation (192.0.2.0/24)"),
        (Block("192.88.99.0/24"), "6to4 relay anycast (192.88.99.0/24)"),
        (Block("192.168.0.0/16"), "private (192.168.0.0/16)"),
        (Block("198.18.0.0/15"), "benchmarking (198.18.0.0/15)"),
        (Block("198.51.100.0/24"), "documentation (198.51.100.0/24)"),
        (Block("203.0.113.0/24"), "documentation (203.0.113.0/24)"),
        (Block("224.0.0.0/4"), "multicast (224.0.0.0/4)"),
        (Block("240.0.0.0/4"), "reserved (240.0.0.0/4, including broadcast)"),
        (Block("::/128"), "unspecified (::/128)"),
        (Block("::1/128"), "loopback (::1/128)"),
        (Block("100::/64"), "discard-only (100::/64)"),
        (Block("2001::/32"), "Teredo tunnelling (2001::/32)"),
        (Block("2001:2::/48"), "benchmarking (2001:2::/48)"),
        (Block("2001:db8::/32"), "documentation (2001:db8::/32)"),
        (Block("2001:10::/28"), "ORCHID (2001:10::/28)"),
        (Block("2001:20::/28"), "ORCHIDv2 (2001:20::/28)"),
        (Block("fc00::/7"), "unique local, private (fc00::/7)"),
        (Block("fe80::/10"), "link-local (fe80::/10)"),
        (Block("fec0::/10"), "site-local (fec0::/10)"),
        (Block("ff00::/8"), "multicast (ff00::/8)"),
    ];

    private static readonly AddressRange Nat64 = Block("64:ff9b::/96");
    private static readonly AddressRange Nat64Local = Block("64:ff9b:1::/48");
    private static readonly AddressRange SixToFour = Block("2002::/16");
    private static readonly AddressRange Ipv4Compatible = Block("::/96");

    /// <summary>Why <paramref name="address"/> is special (a sentence fragment naming its block), or null for a public address.</summary>
    public static string? Classify(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && EmbeddedIPv4(address) is { } embedded)
            return Classify(embedded.Address) is { } why ? $"{why}, written as {embedded.Form}" : null;
        foreach (var (range, name) in Blocks)
            if (range.Contains(address)) return name;
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && Nat64Local.Contains(address)) return "local-use NAT64 (64:ff9b:1::/48)";
        return null;
    }

    /// <summary>The IPv4 address an IPv6 address carries, with the name of the form, when it is one of the embedding forms.</summary>
    public static (IPAddress Address, string Form)? EmbeddedIPv4(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) return (address.MapToIPv4(), "an IPv4-mapped IPv6 address");
        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address)) return (new IPAddress(bytes[12..16]), "a NAT64 address (64:ff9b::/96)");
        if (SixToFour.Contains(address)) return (new IPAddress(bytes[2..6]), "a 6to4 address (2002::/16)");
        // ::a.b.c.d (deprecated IPv4-compatible); :: and ::1 themselves are listed blocks.
        if (Ipv4Compatible.Contains(address) && !address.Equals(IPAddress.IPv6Any) && !address.Equals(IPAddress.IPv6Loopback))
            return (new IPAddress(bytes[12..16]), "an IPv4-compatible IPv6 address (::/96)");
        return null;
    }

    private static AddressRange Block(string cidr) => AddressRange.TryParse(cidr) ?? throw new FormatException(cidr);
}
