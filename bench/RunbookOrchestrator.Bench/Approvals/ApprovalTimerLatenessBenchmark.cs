using System.Diagnostics;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Bench.Engine;

namespace RunbookOrchestrator.Bench.Approvals;

/// <summary>Timer lateness: N runs parked on approval gates whose deadlines all fall in one window (60 s by default), left to time out;
/// lateness is the server's <c>approval.timed_out</c> audit time minus the gate's stored deadline.</summary>
public sealed class ApprovalTimerLatenessBenchmark : IBenchmark
{
    public string Name => "approval-timer-lateness";
    public string Description => "lateness of N approval timeouts due in one window [--runs 10000] [--spread 60] [--fire-in s (30 + runs/50)] [--batch 32] [--grace 180]";

    public int Run(string[] args, TextWriter output) => RunAsync(args, output).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var runs = BenchArguments.Int(args, "runs", 10_000);
        var spread = TimeSpan.FromSeconds(BenchArguments.Int(args, "spread", 60));
        // Room to park every run before the first deadline: parking measured 60-150 runs/s on the shared 2-core machine.
        var fireIn = TimeSpan.FromSeconds(BenchArguments.Int(args, "fire-in", 30 + runs / 50));
        var batch = BenchArguments.Int(args, "batch", 32);
        var grace = TimeSpan.FromSeconds(BenchArguments.Int(args, "grace", 180));

        var reviewer = BenchReviewer.Create();
        await using var server = await BenchServer.StartAsync(reviewer.Environment, ApprovalRunbooks.TimedRunbook());
        var timings = new GateTimings(server.DatabasePath);

        // Run i should time out at windowStart + spread * i / runs; its timeout is that moment minus its trigger time (the gate opens a little later,
        // which the paced parking keeps small; the stored deadlines, not these targets, are what lateness is measured against).
        var windowStart = DateTimeOffset.UtcNow + fireIn;
        var parkTime = await ParkedGates.ParkPacedAsync(server, ApprovalRunbooks.Timed, runs, batch, i =>
        {
            var target = windowStart + spread * i / runs;
            var timeout = Math.Max(1000, (long)(target - DateTimeOffset.UtcNow).TotalMilliseconds);
            return new JsonObject { ["timeout"] = $"{timeout}ms" };
        });
        var parkedAt = DateTimeOffset.UtcNow;
        var deadlines = timings.Deadlines(ApprovalRunbooks.AfterStep);
        var first = DateTimeOffset.FromUnixTimeMilliseconds(deadlines.Min(d => d.Deadline));
        var last = DateTimeOffset.FromUnixTimeMilliseconds(deadlines.Max(d => d.Deadline));
        var firedWhileParking = timings.CountAudit("approval.timed_out");

        var cpuBefore = server.CpuTime;
        var clock = Stopwatch.StartNew();
        var stopAt = last + grace;
        int fired;
        while ((fired = timings.CountAudit("approval.timed_out")) < runs && DateTimeOffset.UtcNow < stopAt) await Task.Delay(1000);
        var firedAfter = clock.Elapsed;
        // A gate is timed out before its run reads it, so the runs may still be catching up: wait for their next steps too, within the same bound.
        int resumedCount;
        while ((resumedCount = timings.CountCompleted(ApprovalRunbooks.AfterStep)) < fired && DateTimeOffset.UtcNow < stopAt) await Task.Delay(1000);
        var cpu = server.CpuTime - cpuBefore;

        var rows = timings.Deadlines(ApprovalRunbooks.AfterStep);
        var lateness = Percentiles.Of(rows.Where(r => r.TimedOutAt != null).Select(r => (double)(r.TimedOutAt!.Value - r.Deadline)));
        var resumed = Percentiles.Of(rows.Where(r => r.ResumedAt != null).Select(r => (double)(r.ResumedAt!.Value - r.Deadline)));
        var early = rows.Count(r => r.TimedOutAt < r.Deadline);

        output.WriteLine("== approval-timer-lateness ==");
        output.WriteLine($"runs                    {runs} gates, parked in {parkTime.TotalSeconds:0.0} s ({runs / parkTime.TotalSeconds:0.0} parks/s, batches of {batch})");
        output.WriteLine($"deadlines               {first:HH:mm:ss.fff} → {last:HH:mm:ss.fff} UTC ({(last - first).TotalSeconds:0.0} s spread, aimed at {spread.TotalSeconds:0} s)");
        output.WriteLine($"parking finished        {(parkedAt - first).TotalSeconds:+0.0;-0.0} s relative to the first deadline ({firedWhileParking} had already timed out while parking)");
        output.WriteLine($"timed out               {fired} of {runs} (waited until {(fired < runs ? "the grace period ended" : "all fired")}, {firedAfter.TotalSeconds:0} s); {early} recorded before their deadline");
        output.WriteLine($"next step completed     {resumedCount} of {fired} ({clock.Elapsed.TotalSeconds:0} s after parking)");
        output.WriteLine($"server CPU              {cpu.TotalSeconds:0.0} s while firing = {cpu.TotalMilliseconds / Math.Max(1, fired):0.0} ms per timeout (timer, gate transition, audit, next step)");
        output.WriteLine($"lateness: approval.timed_out at − deadline (server clock, ms)\n    p50 {lateness.P50,9:0}  p90 {lateness.P90,9:0}  p99 {lateness.P99,9:0}  max {lateness.Max,9:0}  (n={lateness.Count})");
        output.WriteLine($"next step completed_at − deadline (server clock, ms)\n    p50 {resumed.P50,9:0}  p90 {resumed.P90,9:0}  p99 {resumed.P99,9:0}  max {resumed.Max,9:0}  (n={resumed.Count})");
        return fired == runs && resumedCount == runs ? 0 : 1;
    }
}
