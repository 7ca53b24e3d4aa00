using RunbookOrchestrator.Activities;
using RunbookOrchestrator.Expressions;
using RunbookOrchestrator.Policy;

namespace RunbookOrchestrator.Server.Policy;

/// <summary>Registers the policy file, its evaluator for the action boundary, and the explainer.</summary>
public static class PolicyServiceCollectionExtensions
{
    /// <param name="policyFilePath">Normally <c>&lt;RunbooksDirectory&gt;/policies.yaml</c>.</param>
    /// <param name="environment">The server's <c>Orchestrator:Environment</c>; overrides the file's <c>environment</c>.</param>
    public static IServiceCollection AddPolicy(this IServiceCollection services, string policyFilePath, string? environment = null)
    {
        services.AddSingleton(sp => new PolicyLoader(sp.GetRequiredService<IExpressionEvaluator>()));
        services.AddSingleton(sp => new PolicyCatalog(policyFilePath, sp.GetRequiredService<PolicyLoader>(),
            sp.GetRequiredService<ILogger<PolicyCatalog>>(), environment));
        services.AddSingleton(sp => new CurrentPolicyEvaluator(sp.GetRequiredService<PolicyCatalog>(), sp.GetRequiredService<IExpressionEvaluator>()));
        services.AddSingleton<IPolicyEvaluator>(sp => sp.GetRequiredService<CurrentPolicyEvaluator>());
        services.AddSingleton(sp => new PolicyExplainer(sp.GetRequiredService<IExpressionEvaluator>(), sp.GetRequiredService<IActivityRegistry>()));
        services.AddHostedService<PolicyStartup>();
        return services;
    }
}
