using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using RunbookOrchestrator.Bench.Engine;

namespace RunbookOrchestrator.Bench.Approvals;

/// <summary>Decision-to-resume latency: N runs parked on an approval gate are approved by a human, one at a time (closed loop) or at a fixed rate,
/// and each is timed from the gate's decision to the completion of the step after it.</summary>
public sealed class ApprovalResumeBenchmark : IBenchmark
{
    public string Name => "approval-resume";
    public string Description => "decision → next step completed latency of N gated runs [--runs 200] [--rate R (open loop; default closed loop)] [--concurrency 32]";

    public int Run(string[] args, TextWriter output) => RunAsync(args, output).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var runs = BenchArguments.Int(args, "runs", 200);
        var concurrency = BenchArguments.Int(args, "concurrency", 32);
        var rate = Array.IndexOf(args, "--rate") >= 0 ? BenchArguments.Int(args, "rate", 1) : (int?)null;

        var reviewer = BenchReviewer.Create();
        await using var server = await BenchServer.StartAsync(reviewer.Environment, ApprovalRunbooks.GatedRunbook());
        using var human = server.CreateClient(reviewer.Token);
        var (gates, parkTime) = await ParkedGates.ParkAsync(server, ApprovalRunbooks.Gated, runs, concurrency);
        var timings = new GateTimings(server.DatabasePath);

        var cpuBefore = server.CpuTime;
        var clock = Stopwatch.StartNew();
        var responses = new Dictionary<string, long>();
        var http = new List<double>();
        var seen = new List<double>();
        if (rate is null)
        {
            // Closed loop: the next decision waits until the previous run's next step is visible in the database, so resumes never queue behind each other.
            using var connection = timings.OpenForPolling();
            foreach (var (runId, gateId) in gates)
            {
                var sent = Stopwatch.GetTimestamp();
                await ApproveAsync(human, gateId);
                http.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                var answered = Stopwatch.GetTimestamp();
                responses[runId] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var limit = DateTime.UtcNow.AddSeconds(60);
                while (timings.StepCompletedAt(connection, runId, ApprovalRunbooks.AfterStep) is null)
                {
                    if (DateTime.UtcNow > limit) throw new TimeoutException($"run {runId} did not complete '{ApprovalRunbooks.AfterStep}' within 60s of its approval");
                    await Task.Delay(2);
                }
                seen.Add(Stopwatch.GetElapsedTime(answered).TotalMilliseconds);
            }
        }
        else
        {
            // Open loop: decision i is due at i/rate whatever the server does, so a slow server shows as latency rather than as a lower rate.
            var due = gates.Select((g, i) => (g.Key, g.Value, At: TimeSpan.FromSeconds((double)i / rate.Value))).ToList();
            var lockObject = new object();
            await Task.WhenAll(due.Select(async d =>
            {
                var wait = d.At - clock.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                var sent = Stopwatch.GetTimestamp();
                await ApproveAsync(human, d.Value);
                var elapsed = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                lock (lockObject)
                {
                    http.Add(elapsed);
                    responses[d.Key] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                }
            }));
            var limit = DateTime.UtcNow.AddMinutes(5);
            while (timings.DecidedGates(ApprovalRunbooks.AfterStep).Count(g => g.ResumedAt != null) < runs)
            {
                if (DateTime.UtcNow > limit) throw new TimeoutException("not every approved run completed its next step within 5 minutes");
                await Task.Delay(100);
            }
        }
        var elapsedAll = clock.Elapsed;
        var cpu = server.CpuTime - cpuBefore;

        var rows = timings.DecidedGates(ApprovalRunbooks.AfterStep).Where(r => r.ResumedAt != null && responses.ContainsKey(r.RunId)).ToList();
        var serverSide = Percentiles.Of(rows.Select(r => (double)(r.ResumedAt!.Value - r.DecidedAt)));
        var fromResponse = Percentiles.Of(rows.Select(r => (double)(r.ResumedAt!.Value - responses[r.RunId])));

        output.WriteLine("== approval-resume ==");
        output.WriteLine($"runs                    {runs} parked on approval (parked in {parkTime.TotalSeconds:0.0} s)");
        output.WriteLine($"mode                    {(rate is null ? "closed loop (one decision at a time, next after the step is visible)" : $"open loop at {rate} decisions/s")}");
        output.WriteLine($"decisions               {rows.Count} approved and resumed in {elapsedAll.TotalSeconds:0.0} s; server CPU {cpu.TotalMilliseconds / runs:0.0} ms per decision+resume");
        Print(output, "decided_at → next step completed_at (server clock, ms)", serverSide);
        Print(output, "HTTP response → next step completed_at (same machine clock, ms; negative = resumed before the response arrived)", fromResponse);
        Print(output, "POST decision round trip (client, ms)", Percentiles.Of(http));
        if (seen.Count > 0) Print(output, "HTTP response → step visible to a reader (client, 2 ms poll, ms)", Percentiles.Of(seen));
        return 0;
    }

    private static async Task ApproveAsync(HttpClient human, string gateId)
    {
        using var response = await human.PostAsJsonAsync($"/api/approvals/{gateId}/decisions", new { decision = "approve" });
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"approving {gateId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static void Print(TextWriter output, string label, Percentiles p) =>
        output.WriteLine($"{label}\n    p50 {p.P50,8:0.0}  p90 {p.P90,8:0.0}  p99 {p.P99,8:0.0}  max {p.Max,8:0.0}  (n={p.Count})");
}
