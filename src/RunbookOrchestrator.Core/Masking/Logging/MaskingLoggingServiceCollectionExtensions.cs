using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RunbookOrchestrator.Masking.Logging;

/// <summary>Puts masking in front of every logging provider registered so far.</summary>
public static class MaskingLoggingServiceCollectionExtensions
{
    /// <summary>
    /// Replaces each registered <see cref="ILoggerProvider"/> with a <see cref="MaskingLoggerProvider"/> around it,
    /// and adds masking. Call after the providers are added (e.g. after <c>WebApplication.CreateBuilder</c>, which adds the console).
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
        return services;
    }

    private static ILoggerProvider CreateInner(ServiceDescriptor descriptor, IServiceProvider sp) =>
        (ILoggerProvider)(descriptor.ImplementationInstance
                          ?? descriptor.ImplementationFactory?.Invoke(sp)
                          ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!));
}
