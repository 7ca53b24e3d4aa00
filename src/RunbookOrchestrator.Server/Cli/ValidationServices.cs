using RunbookOrchestrator.Activities;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Expressions;
using RunbookOrchestrator.Templates;

namespace RunbookOrchestrator.Server.Cli;

/// <summary>Builds the runbook validator the command line uses, from the same registrations the server makes.</summary>
public static class ValidationServices
{
    public static RunbookValidator CreateValidator()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        RegisterActivities(services);
        using var provider = services.BuildServiceProvider();
        var descriptors = new ActivityRegistry(provider.GetServices<IActivity>()).Descriptors;
        var expressions = provider.GetService<IExpressionEvaluator>() ?? new CelExpressionEvaluator();
        return new RunbookValidator(descriptors, expressions, new HandlebarsTemplateRenderer());
    }

    // The one place the CLI learns which activities exist; it must match the server's registration.
    private static void RegisterActivities(IServiceCollection services)
    {
    }
}
