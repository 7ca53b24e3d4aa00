using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RunbookOrchestrator.Masking;

/// <summary>Registers the masking service.</summary>
public static class MaskingServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IMasker"/> (a singleton <see cref="Masker"/>) over the registered <see cref="DetectorCatalog"/> or the default one.</summary>
    public static IServiceCollection AddMasking(this IServiceCollection services)
    {
        services.TryAddSingleton(DetectorCatalog.Default);
        services.TryAddSingleton<Masker>(sp => new Masker(sp.GetRequiredService<DetectorCatalog>()));
        services.TryAddSingleton<IMasker>(sp => sp.GetRequiredService<Masker>());
        return services;
    }
}
