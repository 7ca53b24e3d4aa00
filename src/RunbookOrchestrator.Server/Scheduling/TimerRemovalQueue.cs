using System.Threading.Channels;
using Quartz;

namespace RunbookOrchestrator.Server.Scheduling;

/// <summary>Removes the triggers of waits that ended early, one at a time, off the engine's path: a removal that waits on
/// Quartz's store lock must never hold an engine worker. A removal lost in a crash only costs one wake-up for nothing.</summary>
internal sealed class TimerRemovalQueue(ISchedulerFactory schedulers, ILogger<TimerRemovalQueue> logger) : BackgroundService
{
    private readonly Channel<string> _pending = Channel.CreateBounded<string>(new BoundedChannelOptions(100_000) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Queues the removal of trigger <paramref name="timerId"/>; when the queue is full the timer is left to fire harmlessly.</summary>
    public void Enqueue(string timerId) => _pending.Writer.TryWrite(timerId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var timerId in _pending.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var scheduler = await schedulers.GetScheduler(stoppingToken);
                await scheduler.UnscheduleJob(new TriggerKey(timerId, QuartzTimerScheduler.TriggerGroup), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Timer {TimerId} could not be removed ({Reason}); it will wake its run once for nothing", timerId, ex.Message);
            }
        }
    }
}
