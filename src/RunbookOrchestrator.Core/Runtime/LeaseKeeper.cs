using Microsoft.Extensions.Logging;

namespace RunbookOrchestrator.Runtime;

/// <summary>Renews a run's lease while a long step runs, and cancels the work if the lease is lost, so no step runs on two nodes at once for long.</summary>
/// <remarks>A timer rather than a loop task: almost every run is done long before the first renewal, and a loop cost a task, a
/// token source and a cancelled delay (an exception) per run for nothing.</remarks>
internal sealed class LeaseKeeper : IDisposable
{
    private readonly IRunStore _store;
    private readonly string _runId;
    private readonly RuntimeOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _onLost;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private bool _renewing;
    private bool _stopped;

    public LeaseKeeper(IRunStore store, string runId, RuntimeOptions options, TimeProvider clock, ILogger logger, CancellationTokenSource onLost)
    {
        _store = store;
        _runId = runId;
        _options = options;
        _clock = clock;
        _logger = logger;
        _onLost = onLost;
        var every = options.LeaseDuration / 3;
        _timer = clock.CreateTimer(_ => _ = RenewAsync(), null, every, every);
    }

    private async Task RenewAsync()
    {
        lock (_gate)
        {
            if (_stopped || _renewing) return;
            _renewing = true;
        }
        try
        {
            var renewed = await _store.RenewLeaseAsync(_runId, _options.NodeId, _clock.GetUtcNow() + _options.LeaseDuration, CancellationToken.None);
            lock (_gate)
            {
                // After Dispose the run has committed and released its lease itself; a failed renewal then means nothing.
                // Cancelling under the lock keeps Dispose (and the token source's disposal after it) from overtaking it.
                if (renewed || _stopped) return;
                _stopped = true;
                _logger.LogWarning("Run {RunId}: lease lost while a step was running; cancelling the step", _runId);
                _onLost.Cancel();
            }
            _timer.Dispose();
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Run {RunId}: lease renewal failed; will try again", _runId);
        }
        finally
        {
            lock (_gate) _renewing = false;
        }
    }

    public void Dispose()
    {
        lock (_gate) _stopped = true;
        _timer.Dispose();
    }
}
