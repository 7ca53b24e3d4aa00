using Microsoft.EntityFrameworkCore;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Server.Demo;
using RunbookOrchestrator.Server.Identity;
using RunbookOrchestrator.Server.Identity.Humans;
using RunbookOrchestrator.Server.Persistence;

namespace RunbookOrchestrator.Server.Hosting;

/// <summary>What must be true before the engine and timers start: schema current, bootstrap identities present, demo data seeded.</summary>
public static class OrchestratorStartup
{
    public static async Task InitializeAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("RunbookOrchestrator.Startup");
        var options = app.Services.GetRequiredService<OrchestratorOptions>();
        var paths = app.Services.GetRequiredService<OrchestratorPaths>();

        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<OrchestratorDbContext>>().CreateDbContextAsync(cancellationToken))
            await OrchestratorDatabase.EnsureSchemaAsync(db, cancellationToken);

        await using var scope = app.Services.CreateAsyncScope();
        var bootstrapper = scope.ServiceProvider.GetRequiredService<AgentKeyBootstrapper>();
        await bootstrapper.ImportBootstrapKeyAsync(cancellationToken: cancellationToken);
        await scope.ServiceProvider.GetRequiredService<HumanBootstrapper>().ImportAsync(cancellationToken: cancellationToken);

        if (options.Demo)
        {
            if (await DemoCrmSeeder.EnsureCreatedAsync(paths.DataDirectory, cancellationToken))
                logger.LogInformation("Demo CRM created at {Path}", DemoCrmSeeder.PathIn(paths.DataDirectory));
            if (await bootstrapper.CreateDemoKeyIfStoreEmptyAsync(cancellationToken) is { } issued)
                // Printed, never logged: the raw key exists only here and in the operator's terminal.
                Console.WriteLine(DemoAgentKey.Banner(issued));
        }

        var catalog = app.Services.GetRequiredService<IRunbookCatalog>();
        logger.LogInformation("Loaded {Count} runbooks from {Directory}; data in {Data}", catalog.All.Count, paths.RunbooksDirectory, paths.DataDirectory);
    }
}
