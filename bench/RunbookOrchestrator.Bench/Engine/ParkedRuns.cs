using System.Diagnostics;

namespace RunbookOrchestrator.Bench.Engine;

/// <summary>A server holding many runs parked on <c>wait.event go</c>, shared by the parked-memory and resume-rate benchmarks.</summary>
public sealed class ParkedRuns
{
    private ParkedRuns(BenchServer server, IReadOnlyList<string> runIds, TimeSpan parkTime)
    {
        Server = server;
        RunIds = runIds;
        ParkTime = parkTime;
    }

    public BenchServer Server { get; }
    public IReadOnlyList<string> RunIds { get; }
    public TimeSpan ParkTime { get; }

    public static async Task<ParkedRuns> ParkAsync(BenchServer server, int count, int concurrency)
    {
        var ids = new string[count];
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, ct) => ids[i] = await server.StartRunAsync(BenchRunbooks.Parked, ct));
        await new BenchDatabase(server.DatabasePath).WaitForCountAsync("Waiting", count, TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(100));
        return new ParkedRuns(server, ids, clock.Elapsed);
    }
}
