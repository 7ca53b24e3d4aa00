namespace RunbookOrchestrator.Runtime;

/// <summary>Durable timers that wake a run at a given instant (delays, retries, step and wait timeouts). Backed by Quartz.NET.</summary>
public interface ITimerScheduler
{
    /// <summary>Schedules (or moves) the wake-up named <paramref name="timerId"/>. Firing twice is harmless: the engine decides what is due from the run's state.</summary>
    Task ScheduleWakeAsync(string runId, string timerId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Removes (or queues the removal of) the wake-up named <paramref name="timerId"/> if it is still pending (its wait
    /// ended early); unknown ids are ignored. Must not block: it is called on the engine's path.</summary>
    Task CancelWakeAsync(string timerId, CancellationToken cancellationToken);
}
