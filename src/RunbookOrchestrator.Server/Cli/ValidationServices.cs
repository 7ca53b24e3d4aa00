using RunbookOrchestrator.Activities;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Expressions;
using RunbookOrchestrator.Server.Hosting;

namespace RunbookOrchestrator.Server.Cli;

/// <summary>Builds the runbook validator the command line uses, from the same registrations the server makes.</summary>
public static class ValidationServices
{
    public static RunbookValidator CreateValidator()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRunbookLanguage();
        // The validator holds only descriptors and parsers, none of the provider's disposable services, so it outlives the provider.
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<RunbookValidator>();
    }
}
