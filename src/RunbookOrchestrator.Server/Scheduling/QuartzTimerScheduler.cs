using Quartz;
using RunbookOrchestrator.Runtime;

namespace RunbookOrchestrator.Server.Scheduling;

/// <summary>Run timers as Quartz.NET triggers in the ADO job store of the orchestrator's own database, so they survive restarts.
/// One durable job, one trigger per timer id; a missed trigger fires as soon as the scheduler is back.</summary>
internal sealed class QuartzTimerScheduler(ISchedulerFactory schedulers, TimerRemovalQueue removals) : ITimerScheduler
{
    public static readonly JobKey Job = new("wake-run", "runbook-orchestrator");
    public const string TriggerGroup = "run-timers";

    public async Task ScheduleWakeAsync(string runId, string timerId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = new TriggerKey(timerId, TriggerGroup);
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(Job)
            .UsingJobData(WakeRunJob.RunIdKey, runId)
            .StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken);
    }

    public Task CancelWakeAsync(string timerId, CancellationToken cancellationToken)
    {
        removals.Enqueue(timerId);
        return Task.CompletedTask;
    }
}
