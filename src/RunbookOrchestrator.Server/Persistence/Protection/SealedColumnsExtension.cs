using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Protection;

namespace RunbookOrchestrator.Server.Persistence.Protection;

/// <summary>Carries the <see cref="SecretBox"/> that seals run data columns into the context's options.</summary>
public sealed class SealedColumnsExtension(SecretBox box) : IDbContextOptionsExtension
{
    public SecretBox Box { get; } = box;

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    // Ours is added before EF Core's defaults, which are only tried.
    public void ApplyServices(IServiceCollection services) =>
        services.AddSingleton<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, SealedModelCacheKeyFactory>();

    public void Validate(IDbContextOptions options) { }

    private sealed class ExtensionInfo(SealedColumnsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;
        public override string LogFragment => "SealedColumns ";

        // Every key shares one internal service provider; the model cache key tells keys apart.
        public override int GetServiceProviderHashCode() => 0;
        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;
        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["SealedColumns"] = "1";
    }
}

/// <summary>Adds sealing of run data to a context's options.</summary>
public static class SealedColumnsOptions
{
    public static DbContextOptionsBuilder SealRunData(this DbContextOptionsBuilder builder, SecretBox box)
    {
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new SealedColumnsExtension(box));
        return builder;
    }

    public static DbContextOptionsBuilder<T> SealRunData<T>(this DbContextOptionsBuilder<T> builder, SecretBox box) where T : DbContext
    {
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new SealedColumnsExtension(box));
        return builder;
    }
}
