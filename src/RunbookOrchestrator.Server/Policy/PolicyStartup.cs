using RunbookOrchestrator.Policy;

namespace RunbookOrchestrator.Server.Policy;

/// <summary>Loads the policy when the server starts, so a bad file is reported in the start-up log rather than at the first step.</summary>
internal sealed class PolicyStartup(PolicyCatalog catalog, ILogger<PolicyStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Policy {File}: {Count} rule(s), {Hash}, environment '{Environment}'{Refused}",
            catalog.FilePath, catalog.Current.Rules.Count, catalog.Version, catalog.Environment,
            catalog.Errors.Count > 0 ? $"; the file on disk is refused with {catalog.Errors.Count} error(s)" : "");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
