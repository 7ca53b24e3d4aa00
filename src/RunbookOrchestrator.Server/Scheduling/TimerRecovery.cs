using Hangfire;
using RunbookOrchestrator.Runtime;

namespace RunbookOrchestrator.Server.Scheduling;

/// <summary>At start, makes the timer jobs match the database: the jobs a previous process left pending are deleted and every step
/// execution still waiting for a future instant gets its timer again. Overdue ones need nothing here: the dispatcher's first poll wakes them.</summary>
/// <remarks>Deleting first keeps the dashboard to one job per second after any number of restarts; a job that a killed process had
/// already taken is not in the scheduled or enqueued lists, and when Hangfire hands it out again it wakes runs that find nothing new.</remarks>
internal sealed class TimerRecovery(JobStorage storage, IBackgroundJobClient jobs, IRunStore store, ITimerScheduler timers,
    TimeProvider clock, ILogger<TimerRecovery> logger) : IHostedService
{
    private const int Page = 500;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deleted = DeleteLeftoverJobs();
        var pending = await store.ListPendingTimersAsync(clock.GetUtcNow(), cancellationToken);
        foreach (var timer in pending) await timers.ScheduleWakeAsync(timer, cancellationToken);
        if (deleted > 0 || pending.Count > 0)
            logger.LogInformation("Timers restored: {Pending} pending from the database ({Deleted} jobs of the previous process replaced)", pending.Count, deleted);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private int DeleteLeftoverJobs()
    {
        var monitoring = storage.GetMonitoringApi();
        var ids = new List<string>();
        for (var from = 0; ; from += Page)
        {
            var page = monitoring.ScheduledJobs(from, Page);
            ids.AddRange(page.Where(j => j.Value?.Job?.Type == typeof(WakeTimersJob)).Select(j => j.Key));
            if (page.Count < Page) break;
        }
        foreach (var queue in monitoring.Queues())
            for (var from = 0; ; from += Page)
            {
                var page = monitoring.EnqueuedJobs(queue.Name, from, Page);
                ids.AddRange(page.Where(j => j.Value?.Job?.Type == typeof(WakeTimersJob)).Select(j => j.Key));
                if (page.Count < Page) break;
            }
        foreach (var id in ids) jobs.Delete(id);
        return ids.Count;
    }
}
