using Quartz;
using RunbookOrchestrator.Runtime;

namespace RunbookOrchestrator.Server.Scheduling;

/// <summary>Hosts Quartz.NET with its ADO job store in the orchestrator's SQLite database (tables prefixed <c>qrtz_</c>, created if missing).</summary>
internal static class SchedulingServiceCollectionExtensions
{
    public static IServiceCollection AddRunTimers(this IServiceCollection services, string sqliteConnectionString)
    {
        services.AddQuartz(q =>
        {
            q.UseDefaultThreadPool(8);
            q.AddJob<WakeRunJob>(j => j.WithIdentity(QuartzTimerScheduler.Job).StoreDurably().RequestRecovery());
            q.UsePersistentStore(store =>
            {
                store.UseSqlite(sqliteConnectionString);
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
            });
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = false);
        services.AddSingleton<TimerRemovalQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<TimerRemovalQueue>());
        services.AddSingleton<ITimerScheduler, QuartzTimerScheduler>();
        return services;
    }
}
