using System.Globalization;
using System.Net;

namespace RunbookOrchestrator.Egress;

/// <summary>One <c>Egress:Allow</c> entry: a host name (<c>crm.internal</c>), a wildcard (<c>*.corp.example</c>), an address or
/// CIDR block (<c>10.20.0.0/16</c>, <c>::1/128</c>), each optionally with a port (<c>crm.internal:8443</c>, <c>[::1]:5080</c>).</summary>
public sealed record EgressAllowEntry(string Text, string? Host, bool Wildcard, AddressRange? Range, int? Port)
{
    /// <summary>Parses one entry; null with <paramref name="problem"/> saying what is wrong.</summary>
    public static EgressAllowEntry? TryParse(string? text, out string? problem)
    {
        problem = null;
        var entry = (text ?? "").Trim();
        if (entry.Length == 0)
        {
            problem = "the entry is empty";
            return null;
        }
        var (target, port) = SplitPort(entry, out problem);
        if (problem != null) return null;

        if (AddressRange.TryParse(target) is { } range) return new EgressAllowEntry(entry, null, false, range, port);
        if (target.Contains('/') || target.Contains(':'))
        {
            problem = "not a valid address or CIDR block (write e.g. 10.0.0.0/8, 192.168.1.20, ::1/128)";
            return null;
        }
        var wildcard = target.StartsWith("*.", StringComparison.Ordinal);
        var host = (wildcard ? target[2..] : target).TrimEnd('.').ToLowerInvariant();
        if (!IsHostName(host))
        {
            problem = target.Contains('*')
                ? "a wildcard is only allowed as the first label (*.example.com)"
                : "not a valid host name, address or CIDR block";
            return null;
        }
        // An all-numeric name would be parsed by resolvers as a legacy IPv4 form (2130706433 is 127.0.0.1): refuse it.
        if (host.Split('.').Last().All(char.IsAsciiDigit))
        {
            problem = "looks like an address in a legacy form; write addresses as a.b.c.d";
            return null;
        }
        return new EgressAllowEntry(entry, host, wildcard, null, port);
    }

    /// <summary>True when this entry allows connecting to <paramref name="address"/>:<paramref name="port"/> for a URL naming <paramref name="host"/>.</summary>
    public bool Allows(string host, int port, IPAddress address)
    {
        if (Port is { } p && p != port) return false;
        if (Range is { } range) return range.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
        var name = host.TrimEnd('.').ToLowerInvariant();
        return Wildcard ? name.EndsWith("." + Host, StringComparison.Ordinal) : name == Host;
    }

    public override string ToString() => Text;

    private static (string Target, int? Port) SplitPort(string entry, out string? problem)
    {
        problem = null;
        string target = entry, portText;
        if (entry.StartsWith('['))
        {
            var close = entry.IndexOf(']');
            if (close < 0)
            {
                problem = "'[' without ']'";
                return (entry, null);
            }
            target = entry[1..close];
            portText = entry[(close + 1)..];
            if (portText.Length == 0) return (target, null);
            if (!portText.StartsWith(':'))
            {
                problem = "expected ':port' after ']'";
                return (entry, null);
            }
            portText = portText[1..];
        }
        else if (entry.Count(c => c == ':') == 1)
        {
            var colon = entry.IndexOf(':');
            target = entry[..colon];
            portText = entry[(colon + 1)..];
        }
        else
        {
            return (entry, null);
        }
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            problem = $"'{portText}' is not a port (1-65535)";
            return (entry, null);
        }
        return (target, port);
    }

    private static bool IsHostName(string host) =>
        host.Length is > 0 and <= 253
        && host.Split('.').All(label => label.Length is > 0 and <= 63
            && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && label[0] != '-' && label[^1] != '-');
}
