using System.Collections.Concurrent;
using System.Net;
using RunbookOrchestrator.Egress;

namespace RunbookOrchestrator.Tests.Egress;

/// <summary>A network that cannot leave the machine: names resolve from a table (never DNS), and only loopback can be dialled.
/// Even if the egress check were broken, a test naming a metadata or private address could not send it a packet.</summary>
public sealed class LoopbackOnlyNetwork(IReadOnlyDictionary<string, IPAddress[]> names) : IEgressNetwork
{
    private readonly SystemEgressNetwork _loopback = new();

    /// <summary>Every endpoint a connection was attempted to, loopback or not, in order.</summary>
    public ConcurrentQueue<IPEndPoint> Dialled { get; } = new();

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        names.TryGetValue(host.TrimEnd('.').ToLowerInvariant(), out var addresses)
            ? Task.FromResult(addresses)
            : throw new HttpRequestException($"test network: no such name '{host}'");

    public Task<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        Dialled.Enqueue(endpoint);
        if (!IPAddress.IsLoopback(endpoint.Address))
            throw new InvalidOperationException($"test network: refused to dial {endpoint}; the egress policy let a non-loopback address through");
        return _loopback.ConnectAsync(endpoint, cancellationToken);
    }
}
