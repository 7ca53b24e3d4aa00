using System.Net;
using RunbookOrchestrator.Egress;

namespace RunbookOrchestrator.Server.Api;

/// <summary>The trigger-time check of a <c>callback_url</c> whose host is an address (in any form) or <c>localhost</c>.</summary>
internal static class CallbackEgress
{
    /// <summary>Why the egress policy would refuse this URL, or null when it allows it or only the connection can tell (a host name).</summary>
    public static string? Refusal(EgressPolicy policy, Uri url)
    {
        var host = url.Host;
        IPAddress[] addresses = HostAddressLiteral.TryParse(host) is { } literal ? [literal]
            : host.TrimEnd('.').Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
                ? [IPAddress.Loopback, IPAddress.IPv6Loopback]
                : [];
        foreach (var address in addresses)
            if (policy.Decide(host, url.Port, address) is { IsAllowed: false } refused) return refused.Reason;
        return null;
    }
}
