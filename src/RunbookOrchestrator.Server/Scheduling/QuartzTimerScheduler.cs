using Quartz;
using RunbookOrchestrator.Runtime;

namespace RunbookOrchestrator.Server.Scheduling;

/// <summary>Run timers as Quartz.NET triggers in the ADO job store of the orchestrator's own database, so they survive restarts.
/// One durable job, one trigger per timer id; a missed trigger fires as soon as the scheduler is back.</summary>
internal sealed class QuartzTimerScheduler(ISchedulerFactory schedulers) : ITimerScheduler
{
    public static readonly JobKey Job = new("wake-run", "runbook-orchestrator");

    public async Task ScheduleWakeAsync(string runId, string timerId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = new TriggerKey(timerId, "run-timers");
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(Job)
            .UsingJobData(WakeRunJob.RunIdKey, runId)
            .StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken);
    }

    public async Task CancelWakeAsync(string timerId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.UnscheduleJob(new TriggerKey(timerId, "run-timers"), cancellationToken);
    }
}
