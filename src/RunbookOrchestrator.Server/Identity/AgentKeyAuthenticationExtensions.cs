using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RunbookOrchestrator.Identity;
using RunbookOrchestrator.Server.Persistence.Identity;

namespace RunbookOrchestrator.Server.Identity;

/// <summary>DI registration of agent API key authentication.</summary>
public static class AgentKeyAuthenticationExtensions
{
    /// <summary>Registers the "ApiKey" scheme (as the default scheme), authorization, and the EF-backed <see cref="IAgentKeyStore"/> behind a short-lived lookup cache.
    /// Requires <c>OrchestratorDbContext</c> to be registered.</summary>
    public static IServiceCollection AddAgentKeyAuthentication(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AgentKeyCache>();
        services.AddScoped<EfAgentKeyStore>();
        services.AddScoped<IAgentKeyStore, CachedAgentKeyStore>();
        services.AddScoped<AgentKeyBootstrapper>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { });
        services.AddAuthorization();
        return services;
    }
}
