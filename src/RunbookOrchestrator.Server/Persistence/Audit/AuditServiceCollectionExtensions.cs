using Microsoft.Extensions.DependencyInjection.Extensions;
using RunbookOrchestrator.Audit;

namespace RunbookOrchestrator.Server.Persistence.Audit;

/// <summary>DI registration of the audit trail.</summary>
public static class AuditServiceCollectionExtensions
{
    /// <summary>Registers <see cref="AuditAppender"/>, <see cref="IAuditTrail"/> (<see cref="EfAuditTrail"/>, singleton) and the scoped
    /// <see cref="AuditStore"/> (export and verify). Requires an <c>IDbContextFactory&lt;OrchestratorDbContext&gt;</c> (pooled or not).</summary>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditAppender>();
        services.TryAddSingleton<EfAuditTrail>();
        services.TryAddSingleton<IAuditTrail>(sp => sp.GetRequiredService<EfAuditTrail>());
        services.TryAddScoped<AuditStore>();
        return services;
    }
}
