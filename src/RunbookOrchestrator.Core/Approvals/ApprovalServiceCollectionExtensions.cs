using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RunbookOrchestrator.Approvals.Review;
using RunbookOrchestrator.Protection;

namespace RunbookOrchestrator.Approvals;

/// <summary>Registers the gate keeper and what it shows reviewers. The host supplies <see cref="IApprovalStore"/> and, to keep reveals across restarts, its own <see cref="SecretBox"/>.</summary>
public static class ApprovalServiceCollectionExtensions
{
    public static IServiceCollection AddApprovalGates(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => SecretBox.Ephemeral());
        services.AddSingleton<ExportPreview>();
        services.AddSingleton<AbandonedGates>();
        services.AddSingleton<GateTimeouts>();
        services.AddSingleton<GateKeeper>();
        return services;
    }
}
