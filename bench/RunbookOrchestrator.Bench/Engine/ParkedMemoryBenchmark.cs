namespace RunbookOrchestrator.Bench.Engine;

/// <summary>Resident memory of the server process holding many runs parked on <c>wait.event</c>.</summary>
public sealed class ParkedMemoryBenchmark : IBenchmark
{
    public string Name => "parked-memory";
    public string Description => "server RSS with N runs parked on wait.event [--runs 10000]";

    public int Run(string[] args, TextWriter output) => RunAsync(args, output).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var runs = BenchArguments.Int(args, "runs", 10_000);
        await using var server = await BenchServer.StartAsync(BenchRunbooks.ParkedRunbook());
        await Task.Delay(TimeSpan.FromSeconds(3));
        var idle = server.WorkingSetBytes;
        var parked = await ParkedRuns.ParkAsync(server, runs, 64);
        // Parked runs live in the database, not in memory; the pause lets the GC give back what triggering them allocated.
        await Task.Delay(TimeSpan.FromSeconds(10));
        var resident = server.WorkingSetBytes;

        output.WriteLine("== parked-memory ==");
        output.WriteLine($"runs parked         {runs} on wait.event (parked in {parked.ParkTime.TotalSeconds:0.0} s)");
        output.WriteLine($"server RSS idle     {idle / 1048576.0:0.0} MB (before any run)");
        output.WriteLine($"server RSS parked   {resident / 1048576.0:0.0} MB (10 s after the last run parked)   target < 250 MB");
        return 0;
    }
}
