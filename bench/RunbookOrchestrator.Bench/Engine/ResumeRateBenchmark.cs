using System.Diagnostics;

namespace RunbookOrchestrator.Bench.Engine;

/// <summary>Resumes per second: events sent to many runs parked on <c>wait.event</c>, timed until every run has finished.</summary>
public sealed class ResumeRateBenchmark : IBenchmark
{
    public string Name => "resume-rate";
    public string Description => "resumes/s of N runs parked on wait.event [--runs 10000] [--concurrency 16]";

    public int Run(string[] args, TextWriter output) => RunAsync(args, output).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var runs = BenchArguments.Int(args, "runs", 10_000);
        var concurrency = BenchArguments.Int(args, "concurrency", 16);
        await using var server = await BenchServer.StartAsync(BenchRunbooks.ParkedRunbook());
        var parked = await ParkedRuns.ParkAsync(server, runs, concurrency);

        var cpuBefore = server.CpuTime;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(parked.RunIds, new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (id, ct) => await server.SendEventAsync(id, "go", ct));
        var sent = clock.Elapsed;
        await new BenchDatabase(server.DatabasePath).WaitForCountAsync("Succeeded", runs, TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(50));
        var resumed = clock.Elapsed;
        var cpu = server.CpuTime - cpuBefore;

        output.WriteLine("== resume-rate ==");
        output.WriteLine($"runs                {runs} parked on wait.event (parked in {parked.ParkTime.TotalSeconds:0.0} s, {runs / parked.ParkTime.TotalSeconds:0} parks/s)");
        output.WriteLine($"events sent         {sent.TotalSeconds:0.00} s ({runs / sent.TotalSeconds:0} events/s accepted), concurrency {concurrency}");
        output.WriteLine($"all succeeded       {resumed.TotalSeconds:0.00} s");
        output.WriteLine($"resume rate         {runs / resumed.TotalSeconds:0} resumes/s (event accepted → run finished)");
        output.WriteLine($"server CPU          {cpu.TotalSeconds:0.0} s = {cpu / resumed:0.00} cores busy; {cpu.TotalMilliseconds / runs:0.0} ms CPU per resume (event request included)");
        return 0;
    }
}
