using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using RunbookOrchestrator.Runtime;

namespace RunbookOrchestrator.Server.Scheduling;

/// <summary>Hosts the run timers on Hangfire: its storage (a SQLite file in the data folder, or PostgreSQL by configuration),
/// this node's Hangfire server, and the recovery of timers at start.</summary>
internal static class SchedulingServiceCollectionExtensions
{
    /// <summary>Configuration key: a PostgreSQL connection string for the timer jobs (for several nodes); unset means the SQLite file.</summary>
    public const string PostgreSqlKey = "Orchestrator:Timers:PostgreSql";

    /// <summary>File name of the timer jobs' SQLite storage in the data folder.</summary>
    public const string SqliteFileName = "hangfire.db";

    private static int _rendererRegistered;

    public static IServiceCollection AddRunTimers(this IServiceCollection services, string dataDirectory, string? postgreSqlConnectionString)
    {
        services.AddSingleton<JobStorage>(_ => postgreSqlConnectionString is { Length: > 0 }
            ? PostgreSqlStorage(postgreSqlConnectionString)
            : SqliteStorage(dataDirectory));
        services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>()));
        // The dashboard middleware takes its routes from the container (Hangfire.AspNetCore's AddHangfire would also set
        // process-wide state, which several orchestrators in one test process must not share).
        services.AddSingleton(DashboardRoutes.Routes);
        services.AddSingleton(GlobalConfiguration.Configuration); // only looked up, as proof of configuration, by UseHangfireDashboard
        if (Interlocked.Exchange(ref _rendererRegistered, 1) == 0)
            GlobalConfiguration.Configuration.UseJobDetailsRenderer(100, TimersDashboard.RenderTimers);

        services.AddSingleton<TimerBuckets>();
        services.AddSingleton<TimerJobWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<TimerJobWriter>());
        services.AddSingleton<ITimerScheduler, HangfireTimerScheduler>();
        services.AddSingleton(sp => new WakeTimersJob(sp.GetRequiredService<TimerBuckets>(), sp.GetRequiredService<IRunStore>(),
            sp.GetRequiredService<RunDispatcher>(), sp.GetRequiredService<RunbookOrchestrator.Approvals.GateTimeouts>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<TimerRecovery>();
        services.AddHostedService<TimerJobServer>();
        return services;
    }

    private static PostgreSqlStorage PostgreSqlStorage(string connectionString)
    {
        var options = new PostgreSqlStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1), PrepareSchemaIfNecessary = true, InvisibilityTimeout = TimeSpan.FromMinutes(2) };
        return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connectionString, options), options);
    }

    private static SQLiteStorage SqliteStorage(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, SqliteFileName);
        // Created owner-only like the orchestrator's own database; SQLite keeps the mode of an existing file.
        if (!File.Exists(path)) RunbookOrchestrator.Protection.OwnerOnlyFile.Create(path, FileMode.CreateNew).Dispose();
        return new SQLiteStorage(path, new SQLiteStorageOptions
        {
            QueuePollInterval = TimeSpan.FromSeconds(1),
            // A job a killed process had taken comes back after this; timer jobs take milliseconds, so minutes is ample.
            InvisibilityTimeout = TimeSpan.FromMinutes(2),
        });
    }
}
