using Microsoft.Extensions.DependencyInjection.Extensions;
using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Server.Persistence.Identity;

namespace RunbookOrchestrator.Server.Identity.Humans;

/// <summary>DI registration of human identities: directory, user and token stores, personal-token authentication and the bootstrapper.</summary>
public static class HumanIdentityServiceCollectionExtensions
{
    /// <summary>Registers the human side of identity. Personal tokens are accepted by the existing "ApiKey" scheme
    /// (<see cref="AgentKeyAuthenticationExtensions.AddAgentKeyAuthentication"/>) as soon as these services exist.
    /// Throws at start when <c>Orchestrator:Users</c> is invalid.</summary>
    public static IServiceCollection AddHumanIdentities(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(ConfiguredHumans.From(configuration));
        services.TryAddSingleton<HumanIdentityCache>();
        services.AddScoped<IHumanDirectory, EfHumanDirectory>();
        services.AddScoped<IHumanUserStore, EfHumanUserStore>();
        services.AddScoped<IUserTokenStore, EfUserTokenStore>();
        services.AddScoped<HumanTokenAuthenticator>();
        services.AddScoped<HumanBootstrapper>();
        return services;
    }
}
