using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RunbookOrchestrator.Runtime;

/// <summary>Hands runs to workers on this node. Runs arrive by direct wake-up (started here, signalled, timer fired)
/// or by polling the database for due runs, which is also how a restarted or surviving node picks up unfinished work.</summary>
public sealed class RunDispatcher : BackgroundService
{
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = false });
    private readonly RunWakeups _wakeups = new();
    private readonly ConcurrentDictionary<string, ClaimedRun> _handedOver = new();
    private readonly IRunStore _store;
    private readonly RunProcessor _processor;
    private readonly RuntimeOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<RunDispatcher> _logger;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal RunDispatcher(IRunStore store, RunProcessor processor, IOptions<RuntimeOptions> options, TimeProvider clock, ILogger<RunDispatcher> logger)
    {
        _store = store;
        _processor = processor;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Completes once this node has freed its old leases and started its workers.</summary>
    public Task Started => _started.Task;

    /// <summary>Asks for the run to be looked at soon. Cheap and idempotent; a run being processed is looked at again when that ends.</summary>
    public void Wake(string runId)
    {
        if (_wakeups.Wake(runId)) _queue.Writer.TryWrite(runId);
    }

    /// <summary>Queues a run that this node already holds the lease of, with everything the engine needs to process it,
    /// so the worker skips claiming and reading it back. Used for runs just created on this node, and for runs a decision
    /// claimed in its own transaction.</summary>
    public void HandOver(ClaimedRun claimed)
    {
        _handedOver[claimed.Run.Id] = claimed;
        Wake(claimed.Run.Id);
    }

    /// <summary>Hands <paramref name="claimed"/> over when there is one, else wakes <paramref name="runId"/>.</summary>
    public void Continue(string runId, ClaimedRun? claimed)
    {
        if (claimed is not null) HandOver(claimed);
        else Wake(runId);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var released = await _store.ReleaseLeasesAsync(_options.NodeId, stoppingToken);
        if (released > 0) _logger.LogInformation("Freed {Count} run leases this node held before it restarted", released);

        var workers = Enumerable.Range(0, Math.Max(1, _options.Workers)).Select(_ => WorkAsync(stoppingToken)).ToList();
        _started.TrySetResult();
        await PollAsync(stoppingToken);
        _queue.Writer.TryComplete();
        await Task.WhenAll(workers);
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var runId in await _store.FindDueRunsAsync(_clock.GetUtcNow(), 1000, stoppingToken))
                    Wake(runId);
                await Task.Delay(_options.PollInterval, _clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Polling for due runs failed; trying again");
                await Task.Delay(_options.PollInterval, _clock, CancellationToken.None);
            }
        }
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var runId in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                if (!_wakeups.TryStart(runId)) continue;
                try
                {
                    await ProcessAsync(runId, stoppingToken);
                }
                finally
                {
                    if (_wakeups.Finish(runId)) _queue.Writer.TryWrite(runId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ProcessAsync(string runId, CancellationToken stoppingToken)
    {
        try
        {
            var now = _clock.GetUtcNow();
            // A handed-over run whose lease has run down while it queued is claimed again like any other (its lease renewed).
            var claimed = _handedOver.TryRemove(runId, out var handed) && handed.Run.LeaseExpiresAt - now > _options.LeaseDuration / 2
                ? handed
                : await _store.TryClaimAsync(runId, _options.NodeId, now + _options.LeaseDuration, now, stoppingToken);
            if (claimed is null) return;
            await _processor.ProcessAsync(claimed, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The lease and WakeAt stay as committed, so the poller brings the run back; nothing is lost.
            _logger.LogError(ex, "Run {RunId}: processing failed; it will be retried", runId);
        }
        finally
        {
            // A hand-over that arrived while this ran was read before this claim (the lease was held since): it is stale.
            // Dropping it costs at most a claim, as the wake-up that came with it runs the run again.
            _handedOver.TryRemove(runId, out _);
        }
    }
}
