using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RunbookOrchestrator.Egress;

/// <summary>Registers the egress policy and puts it under named HTTP clients.</summary>
public static class EgressServiceCollectionExtensions
{
    /// <summary>Registers <paramref name="policy"/> and the system network unless already registered.</summary>
    public static IServiceCollection AddEgressPolicy(this IServiceCollection services, EgressPolicy policy)
    {
        services.RemoveAll<EgressPolicy>();
        services.AddSingleton(policy);
        services.TryAddSingleton<IEgressNetwork, SystemEgressNetwork>();
        services.TryAddSingleton<EgressConnector>();
        return services;
    }

    /// <summary>Makes this client connect only through the <see cref="EgressConnector"/> (public addresses, and allowed special ones).</summary>
    /// <remarks>Proxies are off: through an HTTP proxy the connection would go to the proxy, and the policy would never see the target.</remarks>
    public static IHttpClientBuilder UseEgressPolicy(this IHttpClientBuilder builder)
    {
        builder.Services.TryAddSingleton(EgressPolicy.PublicOnly);
        builder.Services.TryAddSingleton<IEgressNetwork, SystemEgressNetwork>();
        builder.Services.TryAddSingleton<EgressConnector>();
        return builder.ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
        {
            ConnectCallback = services.GetRequiredService<EgressConnector>().ConnectAsync,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        });
    }
}
