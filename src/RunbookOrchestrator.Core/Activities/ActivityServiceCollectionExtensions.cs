using RunbookOrchestrator.Egress;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RunbookOrchestrator.Activities.Flow;
using RunbookOrchestrator.Activities.Http;
using RunbookOrchestrator.Activities.Shell;
using RunbookOrchestrator.Activities.Sql;

namespace RunbookOrchestrator.Activities;

/// <summary>Registers the built-in activities, the activity registry and the HTTP client the activities use.</summary>
public static class ActivityServiceCollectionExtensions
{
    public static IServiceCollection AddBuiltInActivities(this IServiceCollection services, Action<ActivityOptions>? configure = null)
    {
        var optionsBuilder = services.AddOptions<ActivityOptions>();
        if (configure is not null) optionsBuilder.Configure(configure);

        // The activity applies its own per-step timeout, so the client's must not cut in first.
        services.AddHttpClient(HttpRequestActivity.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan).UseEgressPolicy()
            // A failing call is the step's error (in the run and the audit trail), not a stack trace in the log.
            .RemoveAllLoggers();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IActivity, HttpRequestActivity>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IActivity, SqlQueryActivity>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IActivity, ShellActivity>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IActivity, SetActivity>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IActivity, FailActivity>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IActivity, NotifyActivity>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IActivity, DelayActivity>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IActivity, WaitEventActivity>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IActivity, BranchActivity>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IActivity, SwitchActivity>());
        // Instances cannot go through TryAddEnumerable, so a second call must not register them twice.
        var registered = services.Select(d => d.ImplementationInstance).OfType<ControlFlowActivity>().Select(a => a.Descriptor.Type).ToHashSet();
        foreach (var descriptor in ControlFlowDescriptors.All.Where(d => !registered.Contains(d.Type)))
            services.AddSingleton<IActivity>(new ControlFlowActivity(descriptor));

        services.TryAddSingleton<IActivityRegistry, ActivityRegistry>();
        return services;
    }
}
