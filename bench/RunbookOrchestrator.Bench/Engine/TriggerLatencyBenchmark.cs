using System.Collections.Concurrent;
using System.Diagnostics;

namespace RunbookOrchestrator.Bench.Engine;

/// <summary>Trigger (POST) latency at a fixed arrival rate. Open loop: request i is due at start + i/rate whether or not earlier ones
/// have answered, and latency counts from that due time, so a stalled server shows up as latency instead of a lower send rate.</summary>
public sealed class TriggerLatencyBenchmark : IBenchmark
{
    public string Name => "trigger-latency";
    public string Description => "p50/p99 POST trigger latency, open loop [--rate 200] [--seconds 20] [--warmup-seconds 10]";

    public int Run(string[] args, TextWriter output) => RunAsync(args, output).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var rate = BenchArguments.Int(args, "rate", 200);
        var seconds = BenchArguments.Int(args, "seconds", 20);
        var warmUpSeconds = BenchArguments.Int(args, "warmup-seconds", 10);
        await using var server = await BenchServer.StartAsync(BenchRunbooks.FiveStepRunbook());
        output.WriteLine("== trigger-latency ==");
        await BenchWarmUp.RunAsync(server, warmUpSeconds, 16, output);

        var total = rate * seconds;
        var latencies = new ConcurrentBag<double>();
        var sendLag = new ConcurrentBag<double>();
        var failures = 0;
        var inFlight = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            sendLag.Add((clock.Elapsed - due).TotalMilliseconds);
            inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    await server.StartRunAsync(BenchRunbooks.FiveSteps);
                    latencies.Add((clock.Elapsed - due).TotalMilliseconds);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failures);
                }
            }));
        }
        await Task.WhenAll(inFlight);
        var p = Percentiles.Of(latencies);
        var lag = Percentiles.Of(sendLag);

        output.WriteLine($"schedule            {rate} req/s for {seconds} s, open loop ({total} requests, {failures} failed)");
        output.WriteLine($"latency ms          p50 {p.P50:0.0}  p90 {p.P90:0.0}  p99 {p.P99:0.0}  max {p.Max:0.0}   target p99 < 20 ms");
        output.WriteLine($"client send lag ms  p50 {lag.P50:0.0}  p99 {lag.P99:0.0}  (how late the load generator itself was; included above)");
        return failures == 0 ? 0 : 1;
    }
}
