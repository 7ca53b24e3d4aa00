using System.Threading.Channels;
using Hangfire;

namespace RunbookOrchestrator.Server.Scheduling;

/// <summary>Writes and deletes the Hangfire jobs of timer buckets, one at a time, off the engine's path: a storage write that waits
/// for a lock must never hold an engine worker. A write lost in a crash costs nothing: timers are rebuilt from the database at start.</summary>
internal sealed class TimerJobWriter(TimerBuckets buckets, IBackgroundJobClient jobs, TimeProvider clock, ILogger<TimerJobWriter> logger) : BackgroundService
{
    private readonly Channel<Work> _pending = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues the job of <paramref name="second"/>'s bucket; its name lists the timers the bucket holds when it is written.</summary>
    public void Write(long second) => _pending.Writer.TryWrite(new Work(second, null));

    /// <summary>Queues the deletion of a job whose bucket emptied before it ran.</summary>
    public void Delete(string jobId) => _pending.Writer.TryWrite(new Work(null, jobId));

    /// <summary>Jobs written or deleted so far (for tests and the benchmark's report).</summary>
    public long Completed => Interlocked.Read(ref _completed);

    private long _completed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in _pending.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                if (work.Second is { } second) WriteJob(second);
                else jobs.Delete(work.JobId!);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The in-process alarms and the dispatcher's poll still wake the runs; only the dashboard entry and crash-safety lag.
                logger.LogWarning("Timer job {Work} could not be written ({Reason}); the runs are still woken by the engine's poll", work, ex.Message);
            }
            Interlocked.Increment(ref _completed);
        }
    }

    private void WriteJob(long second)
    {
        var pending = buckets.Pending(second);
        if (pending.Count == 0) return;
        var due = DateTimeOffset.FromUnixTimeSeconds(second);
        var runAt = due - TimerBuckets.Lead;
        var summary = WakeTimersJob.Summarize(pending);
        var jobId = runAt <= clock.GetUtcNow()
            ? jobs.Enqueue<WakeTimersJob>(j => j.RunAsync(WakeTimersJob.DueText(second), summary, CancellationToken.None))
            : jobs.Schedule<WakeTimersJob>(j => j.RunAsync(WakeTimersJob.DueText(second), summary, CancellationToken.None), runAt);
        if (!buckets.SetJob(second, jobId)) jobs.Delete(jobId);
    }

    private sealed record Work(long? Second, string? JobId);
}
