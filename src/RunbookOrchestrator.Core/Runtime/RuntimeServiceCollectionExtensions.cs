using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RunbookOrchestrator.Runtime;

/// <summary>Registers the durable engine. The host supplies <see cref="IRunStore"/>, <see cref="ITimerScheduler"/>, the catalog, activities, templates and expressions.</summary>
public static class RuntimeServiceCollectionExtensions
{
    public static IServiceCollection AddRunbookRuntime(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DefinitionSnapshots>();
        services.AddSingleton<StepRunner>();
        services.AddSingleton<Approvals.GateTimeouts>();
        services.AddSingleton<Approvals.GateKeeper>();
        services.AddSingleton<RunProcessor>();
        services.AddSingleton(sp => new RunDispatcher(
            sp.GetRequiredService<IRunStore>(), sp.GetRequiredService<RunProcessor>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<RuntimeOptions>>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<RunDispatcher>>()));
        services.AddHostedService(sp => sp.GetRequiredService<RunDispatcher>());
        services.AddSingleton<IRunService>(sp => new RunService(
            sp.GetRequiredService<IRunStore>(), sp.GetRequiredService<Definitions.IRunbookCatalog>(), sp.GetRequiredService<DefinitionSnapshots>(),
            sp.GetRequiredService<RunDispatcher>(), sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<RuntimeOptions>>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Masking.IMasker>()));
        return services;
    }
}
