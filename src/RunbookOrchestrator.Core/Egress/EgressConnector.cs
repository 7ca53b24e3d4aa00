using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace RunbookOrchestrator.Egress;

/// <summary>The <see cref="SocketsHttpHandler.ConnectCallback"/> that applies the <see cref="EgressPolicy"/> to every address a
/// connection would use, after resolution and before the socket connects (redirects included: each is a new connection).</summary>
public sealed class EgressConnector(EgressPolicy policy, IEgressNetwork network)
{
    /// <summary>Connects to the first allowed address of the request's host; throws <see cref="EgressRefusedException"/> when none is.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        var addresses = HostAddressLiteral.TryParse(host) is { } literal ? [literal] : await network.ResolveAsync(host, cancellationToken);
        EgressDecision? refusal = null;
        Exception? lastFailure = null;
        foreach (var address in addresses)
        {
            var decision = policy.Decide(host, port, address);
            if (!decision.IsAllowed)
            {
                refusal ??= decision;
                continue;
            }
            try
            {
                return await network.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
            }
            catch (SocketException e)
            {
                lastFailure = e;
            }
        }
        if (lastFailure != null) throw lastFailure;
        throw new EgressRefusedException(refusal?.Reason ?? $"egress refused: {host} resolved to no address");
    }

    /// <summary>The refusal behind <paramref name="exception"/> (HttpClient wraps what the connect callback throws), or null.</summary>
    public static EgressRefusedException? RefusalIn(Exception? exception)
    {
        for (var e = exception; e != null; e = e.InnerException)
            if (e is EgressRefusedException refused) return refused;
        return null;
    }
}
