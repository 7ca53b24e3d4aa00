using System.Diagnostics;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Bench.Engine;

namespace RunbookOrchestrator.Bench.Approvals;

/// <summary>Triggers runs of a gated runbook and waits until each has opened its approval gate.</summary>
public static class ParkedGates
{
    /// <summary>Triggers <paramref name="count"/> runs with bounded concurrency; returns run id → gate id once every gate is pending.</summary>
    public static async Task<(Dictionary<string, string> GatesByRun, TimeSpan Elapsed)> ParkAsync(BenchServer server, string runbook, int count, int concurrency)
    {
        var clock = Stopwatch.StartNew();
        var ids = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, ct) => ids[i] = await server.StartRunAsync(runbook, ct));
        var timings = new GateTimings(server.DatabasePath);
        await WaitForGatesAsync(timings, count, TimeSpan.FromMinutes(10));
        var gates = timings.PendingGatesByRun();
        var missing = ids.Count(id => !gates.ContainsKey(id));
        if (missing > 0) throw new InvalidOperationException($"{missing} of {count} runs have no pending gate after parking");
        return (gates, clock.Elapsed);
    }

    /// <summary>Triggers runs in batches, each with inputs from <paramref name="inputsFor"/> computed just before its trigger, and lets the next batch
    /// go only when all but one batch of the earlier runs have opened their gates: so a run's trigger time stays close to its gate's opening.</summary>
    public static async Task<TimeSpan> ParkPacedAsync(BenchServer server, string runbook, int count, int batch, Func<int, JsonObject> inputsFor)
    {
        var clock = Stopwatch.StartNew();
        var timings = new GateTimings(server.DatabasePath);
        for (var start = 0; start < count; start += batch)
        {
            var end = Math.Min(count, start + batch);
            await Parallel.ForAsync(start, end, new ParallelOptions { MaxDegreeOfParallelism = batch },
                async (i, ct) => await server.StartRunAsync(runbook, inputsFor(i), ct));
            await WaitForGatesAsync(timings, end - batch, TimeSpan.FromMinutes(5));
        }
        await WaitForGatesAsync(timings, count, TimeSpan.FromMinutes(5));
        return clock.Elapsed;
    }

    private static async Task WaitForGatesAsync(GateTimings timings, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        int seen;
        while ((seen = timings.CountGates()) < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"only {seen} of {count} approval gates opened within {timeout.TotalSeconds:0}s");
            await Task.Delay(50);
        }
    }
}
