using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging;

namespace RunbookOrchestrator.Masking.Logging;

/// <summary>Puts masking in front of every logging provider registered so far.</summary>
public static class MaskingLoggingServiceCollectionExtensions
{
    /// <summary>
    /// Replaces each registered <see cref="ILoggerProvider"/> with a <see cref="MaskingLoggerProvider"/> around it,
    /// makes the logger factory wrap any provider registered later too, and adds masking. Call after the providers are added (e.g. after <c>WebApplication.CreateBuilder</c>, which adds the console).
    /// </summary>
    public static IServiceCollection AddMaskedLogging(this IServiceCollection services)
    {
        services.AddMasking();
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(ILoggerProvider) || descriptor.IsKeyedService) continue;
            services[i] = ServiceDescriptor.Singleton<ILoggerProvider>(sp =>
                new MaskingLoggerProvider(CreateInner(descriptor, sp), sp.GetRequiredService<IMasker>()));
        }
        // A provider registered after this call (by a later library, a host's test setup, a plugin) would otherwise log raw:
        // the factory wraps whatever providers exist when it is built, so masking does not depend on registration order.
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new LoggerFactory(
            sp.GetServices<ILoggerProvider>().Select(p => p as MaskingLoggerProvider ?? new MaskingLoggerProvider(p, sp.GetRequiredService<IMasker>())),
            sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>())));
        return services;
    }

    private static ILoggerProvider CreateInner(ServiceDescriptor descriptor, IServiceProvider sp) =>
        (ILoggerProvider)(descriptor.ImplementationInstance
                          ?? descriptor.ImplementationFactory?.Invoke(sp)
                          ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!));
}
