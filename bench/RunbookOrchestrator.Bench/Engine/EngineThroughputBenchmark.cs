using System.Diagnostics;

namespace RunbookOrchestrator.Bench.Engine;

/// <summary>Five-step runs (set/branch, no external I/O) completed per second, triggered over HTTP with bounded concurrency.</summary>
public sealed class EngineThroughputBenchmark : IBenchmark
{
    public string Name => "engine-throughput";
    public string Description => "runs/s for a 5-step in-process runbook [--runs 5000] [--concurrency 64] [--warmup-seconds 10]";

    public int Run(string[] args, TextWriter output) => RunAsync(args, output).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var runs = BenchArguments.Int(args, "runs", 5000);
        var concurrency = BenchArguments.Int(args, "concurrency", 64);
        var warmUpSeconds = BenchArguments.Int(args, "warmup-seconds", 10);
        await using var server = await BenchServer.StartAsync(BenchRunbooks.FiveStepRunbook());
        var database = new BenchDatabase(server.DatabasePath);
        output.WriteLine("== engine-throughput ==");
        var warmedUp = await BenchWarmUp.RunAsync(server, warmUpSeconds, concurrency, output);

        var cpuBefore = server.CpuTime;
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, runs, new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (_, ct) => await server.StartRunAsync(BenchRunbooks.FiveSteps, ct));
        var triggered = clock.Elapsed;
        await database.WaitForCountAsync("Succeeded", warmedUp + runs, TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(50));
        var completed = clock.Elapsed;
        var cpu = server.CpuTime - cpuBefore;

        output.WriteLine($"runs                {runs} (5 steps each: set, branch, set, set, set), trigger concurrency {concurrency}");
        output.WriteLine($"all triggered       {triggered.TotalSeconds:0.00} s  ({runs / triggered.TotalSeconds:0} triggers/s)");
        output.WriteLine($"all succeeded       {completed.TotalSeconds:0.00} s");
        output.WriteLine($"throughput          {runs / completed.TotalSeconds:0} runs/s  ({5 * runs / completed.TotalSeconds:0} steps/s)   target >= 1000 runs/s");
        output.WriteLine($"server CPU          {cpu.TotalSeconds:0.0} s over {completed.TotalSeconds:0.0} s wall = {cpu / completed:0.00} cores busy; {cpu.TotalMilliseconds / runs:0.0} ms CPU per run (triggering included)");
        output.WriteLine($"CPU-bound ceiling   {runs / cpu.TotalSeconds:0} runs/s per fully available core");
        return 0;
    }
}
