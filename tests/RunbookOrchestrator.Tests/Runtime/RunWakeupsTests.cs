using System.Collections.Concurrent;
using System.Threading.Channels;
using RunbookOrchestrator.Runtime;

namespace RunbookOrchestrator.Tests.Runtime;

/// <summary>The dispatcher's bookkeeping of wake-ups: none is lost, and no run is processed twice at once on a node.</summary>
public sealed class RunWakeupsTests
{
    [Fact]
    public void A_run_woken_while_it_is_processed_is_queued_again_when_processing_ends()
    {
        var wakeups = new RunWakeups();
        Assert.True(wakeups.Wake("r1"));
        Assert.True(wakeups.TryStart("r1"));

        var queuedNow = wakeups.Wake("r1");
        var queuedAtFinish = wakeups.Finish("r1");

        Assert.False(queuedNow);
        Assert.True(queuedAtFinish);
    }

    [Fact]
    public void A_run_not_woken_while_processed_is_not_queued_again()
    {
        var wakeups = new RunWakeups();
        wakeups.Wake("r1");
        wakeups.TryStart("r1");

        Assert.False(wakeups.Finish("r1"));
        Assert.True(wakeups.Wake("r1"));
    }

    [Fact]
    public void A_run_already_queued_is_not_queued_twice()
    {
        var wakeups = new RunWakeups();

        Assert.True(wakeups.Wake("r1"));
        Assert.False(wakeups.Wake("r1"));
    }

    [Fact]
    public void A_second_worker_does_not_start_a_run_another_worker_processes()
    {
        var wakeups = new RunWakeups();
        wakeups.Wake("r1");
        wakeups.TryStart("r1");

        Assert.False(wakeups.TryStart("r1"));
        Assert.True(wakeups.Finish("r1"));
    }

    [Fact]
    public async Task Under_concurrent_wake_ups_every_run_is_processed_after_its_last_wake_up()
    {
        // Workers and wakers race on a few runs; at the end every run's last processing must have begun after its last
        // wake-up (else that wake-up was lost) and no run may ever have been processed by two workers at once.
        var wakeups = new RunWakeups();
        var queue = Channel.CreateUnbounded<string>();
        var runs = Enumerable.Range(0, 8).Select(i => $"run-{i}").ToArray();
        long ticks = 0;
        var lastWake = new ConcurrentDictionary<string, long>();
        var lastStart = new ConcurrentDictionary<string, long>();
        var inFlight = new ConcurrentDictionary<string, int>();
        var overlaps = 0;

        void Wake(string run)
        {
            lastWake[run] = Interlocked.Increment(ref ticks);
            if (wakeups.Wake(run)) queue.Writer.TryWrite(run);
        }

        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await foreach (var run in queue.Reader.ReadAllAsync())
            {
                if (!wakeups.TryStart(run)) continue;
                lastStart[run] = Interlocked.Increment(ref ticks);
                if (inFlight.AddOrUpdate(run, 1, (_, n) => n + 1) > 1) Interlocked.Increment(ref overlaps);
                Thread.SpinWait(Random.Shared.Next(50));
                inFlight.AddOrUpdate(run, 0, (_, n) => n - 1);
                if (wakeups.Finish(run)) queue.Writer.TryWrite(run);
            }
        })).ToList();
        var wakers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 50_000; i++) Wake(runs[Random.Shared.Next(runs.Length)]);
        })).ToList();
        await Task.WhenAll(wakers);
        // Let the workers drain what the last wake-ups queued.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (runs.Any(r => lastStart.GetValueOrDefault(r) < lastWake[r]) && DateTime.UtcNow < deadline) await Task.Delay(10);
        queue.Writer.Complete();
        await Task.WhenAll(workers);

        Assert.Equal(0, overlaps);
        Assert.All(runs, r => Assert.True(lastStart[r] > lastWake[r], $"{r}: last woken at tick {lastWake[r]}, last started at {lastStart[r]}"));
    }
}
