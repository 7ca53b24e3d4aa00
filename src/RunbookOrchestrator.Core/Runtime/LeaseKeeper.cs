using Microsoft.Extensions.Logging;

namespace RunbookOrchestrator.Runtime;

/// <summary>Renews a run's lease while a long step runs, and cancels the work if the lease is lost, so no step runs on two nodes at once for long.</summary>
internal sealed class LeaseKeeper : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LeaseKeeper(IRunStore store, string runId, RuntimeOptions options, TimeProvider clock, ILogger logger, CancellationTokenSource onLost)
    {
        _loop = Task.Run(async () =>
        {
            var every = options.LeaseDuration / 3;
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(every, clock, _stop.Token);
                    if (!await store.RenewLeaseAsync(runId, options.NodeId, clock.GetUtcNow() + options.LeaseDuration, _stop.Token))
                    {
                        logger.LogWarning("Run {RunId}: lease lost while a step was running; cancelling the step", runId);
                        await onLost.CancelAsync();
                        return;
                    }
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Run {RunId}: lease renewal failed; will try again", runId);
                }
            }
        });
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
