namespace RunbookOrchestrator.Runtime;

/// <summary>Durable timers that wake a run at a given instant (delays, retries, step and wait timeouts, gate deadlines). Backed by Hangfire.</summary>
public interface ITimerScheduler
{
    /// <summary>Schedules (or moves) <paramref name="timer"/>. Firing twice or late is harmless: the engine decides what is due from the run's state.
    /// Must not block on storage: it is called on the engine's path after each commit.</summary>
    Task ScheduleWakeAsync(RunTimer timer, CancellationToken cancellationToken);

    /// <summary>Removes (or queues the removal of) the wake-up named <paramref name="timerId"/> if it is still pending (its wait
    /// ended early); unknown ids are ignored. Must not block: it is called on the engine's path.</summary>
    Task CancelWakeAsync(string timerId, CancellationToken cancellationToken);
}
