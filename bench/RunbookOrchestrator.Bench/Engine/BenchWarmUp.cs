using System.Diagnostics;

namespace RunbookOrchestrator.Bench.Engine;

/// <summary>Drives the server with five-step runs for a while before anything is measured. The server's hot code is still being
/// re-jitted (tiered compilation) for tens of seconds after start; without this, a short benchmark measures the JIT, not the engine.</summary>
public static class BenchWarmUp
{
    /// <summary>Triggers runs closed-loop for <paramref name="seconds"/> and waits until all of them have succeeded; returns how many ran.</summary>
    public static async Task<int> RunAsync(BenchServer server, int seconds, int concurrency, TextWriter output)
    {
        var database = new BenchDatabase(server.DatabasePath);
        var before = await database.CountRunsAsync("Succeeded");
        var cpuBefore = server.CpuTime;
        var clock = Stopwatch.StartNew();
        var started = 0;
        var until = TimeSpan.FromSeconds(seconds);
        await Parallel.ForAsync(0, concurrency, async (_, ct) =>
        {
            while (clock.Elapsed < until)
            {
                await server.StartRunAsync(BenchRunbooks.FiveSteps, ct);
                Interlocked.Increment(ref started);
            }
        });
        await database.WaitForCountAsync("Succeeded", before + started, TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(50));
        var cpu = server.CpuTime - cpuBefore;
        output.WriteLine($"warm-up             {started} runs in {clock.Elapsed.TotalSeconds:0.0} s ({cpu.TotalMilliseconds / Math.Max(1, started):0.0} ms CPU per run, JIT included; not counted below)");
        return started;
    }
}
