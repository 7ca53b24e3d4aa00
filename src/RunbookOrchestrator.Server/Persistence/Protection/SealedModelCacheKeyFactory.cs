using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace RunbookOrchestrator.Server.Persistence.Protection;

/// <summary>Caches one model per data key: the sealing converters hold the key, so two databases with different keys in one process need two models.</summary>
internal sealed class SealedModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), context.GetService<IDbContextOptions>().FindExtension<SealedColumnsExtension>()?.Box.KeyId, designTime);
}
