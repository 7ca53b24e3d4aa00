using RunbookOrchestrator.Activities;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Expressions;
using RunbookOrchestrator.Templates;

namespace RunbookOrchestrator.Server.Hosting;

/// <summary>What a runbook may say: activities, CEL expressions, templates and the validator over them.
/// The server and the <c>validate</c> command register the same set, so both accept exactly the same runbooks.</summary>
public static class RunbookLanguageServiceCollectionExtensions
{
    public static IServiceCollection AddRunbookLanguage(this IServiceCollection services, Action<ActivityOptions>? configureActivities = null)
    {
        services.AddSingleton<IExpressionEvaluator, CelExpressionEvaluator>();
        services.AddSingleton<ITemplateRenderer, ScribanTemplateRenderer>();
        services.AddBuiltInActivities(configureActivities);
        services.AddSingleton(sp => new RunbookValidator(
            sp.GetRequiredService<IActivityRegistry>(), sp.GetRequiredService<IExpressionEvaluator>(), sp.GetRequiredService<ITemplateRenderer>()));
        return services;
    }
}
