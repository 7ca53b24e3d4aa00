using RunbookOrchestrator.Server.Runbooks;
using RunbookOrchestrator.Server.Channels;
using Microsoft.EntityFrameworkCore;
using RunbookOrchestrator.Activities;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Egress;
using RunbookOrchestrator.Expressions;
using RunbookOrchestrator.Masking;
using RunbookOrchestrator.Masking.Logging;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Runtime.Callbacks;
using RunbookOrchestrator.Server.Api;
using RunbookOrchestrator.Server.Api.OpenApi;
using RunbookOrchestrator.Server.Callbacks;
using RunbookOrchestrator.Server.Identity;
using RunbookOrchestrator.Server.Identity.Humans;
using RunbookOrchestrator.Server.Identity.Sessions;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Server.Persistence.Audit;
using RunbookOrchestrator.Server.Persistence.Protection;
using RunbookOrchestrator.Server.Persistence.Runtime;
using RunbookOrchestrator.Server.Policy;
using RunbookOrchestrator.Server.Scheduling;
using RunbookOrchestrator.Templates;

namespace RunbookOrchestrator.Server.Hosting;

/// <summary>Composes the server: storage, engine, timers, activities, catalog, identity and the HTTP surface.</summary>
public static class OrchestratorServiceCollectionExtensions
{
    public const long MaxRequestBodyBytes = 4 * 1024 * 1024;

    public static OrchestratorPaths AddRunbookOrchestrator(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Orchestrator").Get<OrchestratorOptions>() ?? new OrchestratorOptions();
        var paths = OrchestratorPaths.Create(options, builder.Environment.ContentRootPath);
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(paths);

        var connectionString = OrchestratorDatabase.SqliteConnectionString(paths.DataDirectory);
        // Pooled: every store call and every authenticated request takes a context, and building one from scratch
        // (internal service scope, options, state manager) was about a fifth of the engine's CPU per run.
        var dataKey = DataKey.Resolve(paths.DataDirectory);
        services.AddSingleton(dataKey);
        // Identity changes this process saves empty the people cache (registered with the human identities) at once.
        services.AddSingleton<Persistence.Identity.HumanIdentityChangeInterceptor>();
        services.AddPooledDbContextFactory<OrchestratorDbContext>((provider, o) => OrchestratorDbContext.IgnorePendingModelChanges(o
            .UseSqlite(connectionString)
            .SealRunData(dataKey)
            .AddInterceptors(new SqlitePragmas(options.SqliteSynchronous), provider.GetRequiredService<Persistence.Identity.HumanIdentityChangeInterceptor>())));

        services.Configure<RuntimeOptions>(builder.Configuration.GetSection("Orchestrator:Runtime"));
        services.PostConfigure<RuntimeOptions>(o =>
        {
            if (string.IsNullOrEmpty(o.CallbackSigningSecret)) o.CallbackSigningSecret = CallbackSecret.Resolve(paths.DataDirectory);
        });
        services.AddAuditTrail();
        // The approval store opens gates through the run store's group writer, so it takes the concrete store.
        services.AddSingleton<EfRunStore>();
        services.AddSingleton<IRunStore>(provider => provider.GetRequiredService<EfRunStore>());
        services.AddSingleton<RunbookOrchestrator.Approvals.IApprovalStore, Persistence.Approvals.EfApprovalStore>();
        services.AddSingleton<Runs.RunVisibility>();
        services.AddRunTimers(paths.DataDirectory, builder.Configuration[SchedulingServiceCollectionExtensions.PostgreSqlKey]);
        services.AddRunbookRuntime();

        // Before anything registers an HTTP client: every outbound call (http steps, callbacks) connects through this policy.
        services.AddEgressPolicy(EgressConfiguration.Read(builder.Configuration, options.Demo));
        services.AddRunbookLanguage(a =>
        {
            builder.Configuration.GetSection("Orchestrator:Activities").Bind(a);
            a.ExportsDirectory = paths.ExportsDirectory;
            if (options.Demo && !a.Connections.ContainsKey("crm"))
                a.Connections["crm"] = new SqlConnectionOptions { Provider = "sqlite", ConnectionString = $"Data Source={paths.DemoCrmDatabase};Mode=ReadOnly" };
        });
        services.AddSingleton<IRunbookCatalog>(sp => new RunbookDirectoryCatalog(
            paths.RunbooksDirectory, sp.GetRequiredService<RunbookValidator>(), sp.GetRequiredService<ILogger<RunbookDirectoryCatalog>>()));

        services.AddPolicy(Path.Combine(paths.RunbooksDirectory, RunbookDirectoryCatalog.PolicyFileName), builder.Configuration["Orchestrator:Environment"]);
        services.AddRunbookEditing();
        services.AddMasking();
        services.AddAgentKeyAuthentication();
        services.AddBrowserSessions(builder.Configuration);
        services.AddHumanIdentities(builder.Configuration);
        services.AddReviewChannels(builder.Configuration, paths.DataDirectory);
        services.AddCallbackSender();
        services.AddHostedService<CallbackOutboxService>();
        services.AddHostedService(sp => new WalCheckpointService(connectionString, sp.GetRequiredService<ILogger<WalCheckpointService>>()));

        services.AddApiProblems();
        services.AddApiDocument();
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        // Last, so it wraps every log provider registered before it: no caller can forget to mask what it logs.
        services.AddMaskedLogging();
        return paths;
    }
}
