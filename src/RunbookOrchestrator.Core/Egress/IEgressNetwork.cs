using System.Net;

namespace RunbookOrchestrator.Egress;

/// <summary>Name resolution and connecting, the two things the egress check sits between; tests swap in one that cannot leave the machine.</summary>
public interface IEgressNetwork
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);

    Task<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken);
}
