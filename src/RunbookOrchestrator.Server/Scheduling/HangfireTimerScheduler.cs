using RunbookOrchestrator.Runtime;

namespace RunbookOrchestrator.Server.Scheduling;

/// <summary>Run timers on Hangfire: one durable job per second of due timers (see <see cref="TimerBuckets"/>), written in the background.</summary>
internal sealed class HangfireTimerScheduler(TimerBuckets buckets, TimerJobWriter writer) : ITimerScheduler
{
    public Task ScheduleWakeAsync(RunTimer timer, CancellationToken cancellationToken)
    {
        var placement = buckets.Add(timer);
        if (placement.DeleteJob is { } jobId) writer.Delete(jobId);
        if (placement.WriteSecond is { } second) writer.Write(second);
        return Task.CompletedTask;
    }

    public Task CancelWakeAsync(string timerId, CancellationToken cancellationToken)
    {
        if (buckets.Remove(timerId) is { } jobId) writer.Delete(jobId);
        return Task.CompletedTask;
    }
}
