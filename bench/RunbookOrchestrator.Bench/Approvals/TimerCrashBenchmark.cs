using System.Diagnostics;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Bench.Engine;

namespace RunbookOrchestrator.Bench.Approvals;

/// <summary>Durable timers under SIGKILL: N runs parked on approval gates whose deadlines fall within the next minute, the server killed
/// with SIGKILL and started again on the same data; every gate must time out once, none twice, none before its deadline.</summary>
public sealed class TimerCrashBenchmark : IBenchmark
{
    public string Name => "timer-crash";
    public string Description => "kill -9 with N gate timeouts due within a minute, restart, count [--runs 1000] [--fire-in 25] [--spread 30] [--grace 120]";

    public int Run(string[] args, TextWriter output) => RunAsync(args, output).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var runs = BenchArguments.Int(args, "runs", 1_000);
        var fireIn = TimeSpan.FromSeconds(BenchArguments.Int(args, "fire-in", 25));
        var spread = TimeSpan.FromSeconds(BenchArguments.Int(args, "spread", 30));
        var grace = TimeSpan.FromSeconds(BenchArguments.Int(args, "grace", 120));

        var reviewer = BenchReviewer.Create();
        var server = await BenchServer.StartAsync(reviewer.Environment, ApprovalRunbooks.TimedRunbook());
        try
        {
            var timings = new GateTimings(server.DatabasePath);
            var windowStart = DateTimeOffset.UtcNow + fireIn;
            var parkTime = await ParkedGates.ParkPacedAsync(server, ApprovalRunbooks.Timed, runs, 32, i =>
            {
                var target = windowStart + spread * i / runs;
                var timeout = Math.Max(1000, (long)(target - DateTimeOffset.UtcNow).TotalMilliseconds);
                return new JsonObject { ["timeout"] = $"{timeout}ms" };
            });
            var deadlines = timings.Deadlines(ApprovalRunbooks.AfterStep);
            var killedAt = DateTimeOffset.UtcNow;
            var firedBeforeKill = timings.CountAudit("approval.timed_out");
            var first = DateTimeOffset.FromUnixTimeMilliseconds(deadlines.Min(d => d.Deadline));
            var last = DateTimeOffset.FromUnixTimeMilliseconds(deadlines.Max(d => d.Deadline));

            var restart = Stopwatch.StartNew();
            server = await server.KillAndRestartAsync();
            var restartTime = restart.Elapsed;

            var stopAt = last + grace;
            int fired;
            while ((fired = timings.CountAudit("approval.timed_out")) < runs && DateTimeOffset.UtcNow < stopAt) await Task.Delay(500);
            // Give a second firing, if there were one, time to show before counting.
            await Task.Delay(TimeSpan.FromSeconds(5));
            fired = timings.CountAudit("approval.timed_out");
            var distinct = timings.CountDistinctRuns("approval.timed_out");
            var rows = timings.Deadlines(ApprovalRunbooks.AfterStep);
            var early = rows.Count(r => r.TimedOutAt < r.Deadline);
            var lateness = Percentiles.Of(rows.Where(r => r.TimedOutAt != null).Select(r => (double)(r.TimedOutAt!.Value - r.Deadline)));

            output.WriteLine("== timer-crash ==");
            output.WriteLine($"gates                   {runs} parked in {parkTime.TotalSeconds:0.0} s; deadlines {first:HH:mm:ss} → {last:HH:mm:ss} UTC");
            output.WriteLine($"SIGKILL                 at {killedAt:HH:mm:ss.fff} UTC, {(first - killedAt).TotalSeconds:0.0} s before the first deadline ({firedBeforeKill} had timed out before)");
            output.WriteLine($"restart                 healthy again after {restartTime.TotalSeconds:0.0} s");
            output.WriteLine($"timed out               {distinct} of {runs} gates; {fired} approval.timed_out records ({fired - distinct} duplicates); {early} before their deadline");
            output.WriteLine($"lateness: approval.timed_out at − deadline (server clock, ms)\n    p50 {lateness.P50,9:0}  p90 {lateness.P90,9:0}  p99 {lateness.P99,9:0}  max {lateness.Max,9:0}  (n={lateness.Count})");
            return distinct == runs && fired == runs && early == 0 ? 0 : 1;
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
