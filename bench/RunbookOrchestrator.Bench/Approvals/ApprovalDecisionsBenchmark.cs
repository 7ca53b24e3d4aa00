using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Bench.Engine;

namespace RunbookOrchestrator.Bench.Approvals;

/// <summary>
/// The human path against the agent path, on one server: server CPU of an ungated five-step run, of a run that parks at
/// an approval gate, of a decision and the resume it causes (quorum 1 and 2, several reviewers deciding at once), of a
/// decided gate when its old deadline passes, and decision → next step started latency at a fixed decision rate.
/// </summary>
public sealed class ApprovalDecisionsBenchmark : IBenchmark
{
    private const string QuorumTwo = "bench-approval-quorum-2";
    private const int Reviewers = 4;

    public string Name => "approval-decisions";

    public string Description =>
        "CPU per ungated start, gated start, decision + resume (quorum 1, 2), decided gate at its deadline; p50/p99 decision → next step at a fixed rate " +
        "[--runs 1000] [--connections 16] [--rate 100] [--deadline-seconds 45] [--warmup-seconds 10]";

    public int Run(string[] args, TextWriter output) => RunAsync(args, output).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var runs = BenchArguments.Int(args, "runs", 1000);
        var connections = BenchArguments.Int(args, "connections", 16);
        var rate = BenchArguments.Int(args, "rate", 100);
        var deadlineSeconds = BenchArguments.Int(args, "deadline-seconds", 45);
        var warmUpSeconds = BenchArguments.Int(args, "warmup-seconds", 10);

        var reviewers = Enumerable.Range(1, Reviewers).Select(i => BenchReviewer.Create() with { Name = $"bench-sre-{i}" }).ToList();
        var environment = new Dictionary<string, string> { ["RBO_BOOTSTRAP_USERS"] = string.Join(";", reviewers.Select(r => $"{r.Name}:{r.Token}:sre")) };
        await using var server = await BenchServer.StartAsync(environment, BenchRunbooks.FiveStepRunbook(), ApprovalRunbooks.QuorumRunbook(ApprovalRunbooks.Gated, 1), ApprovalRunbooks.QuorumRunbook(QuorumTwo, 2));
        var clients = reviewers.Select(r => server.CreateClient(r.Token)).ToList();
        var timings = new GateTimings(server.DatabasePath);
        var database = new BenchDatabase(server.DatabasePath);

        output.WriteLine("== approval-decisions ==");
        output.WriteLine($"runs {runs} per phase, {connections} connections, {Reviewers} reviewers (group sre)");
        var succeeded = await BenchWarmUp.RunAsync(server, warmUpSeconds, connections, output);
        // The gated path has its own hot code: park and decide a few hundred gates before anything is measured.
        var warmGates = await ParkAsync(server, timings, ApprovalRunbooks.Gated, 1000, connections, "1h");
        await DecideAllAsync(clients, warmGates.Values.ToList(), connections, votes: 1);
        await WaitForAfterStepAsync(timings, warmGates.Count);
        var afterSteps = warmGates.Count;

        // 1. The agent path: a five-step run, trigger to finish. Each phase starts on an idle server and is counted until the
        // server is idle again, so the work a phase leaves behind (timers removed, leases let go) is its own.
        await server.WaitForIdleAsync();
        var cpu = server.CpuTime;
        await Parallel.ForAsync(0, runs, new ParallelOptions { MaxDegreeOfParallelism = connections }, async (_, ct) => await server.StartRunAsync(BenchRunbooks.FiveSteps, ct));
        await database.WaitForCountAsync("Succeeded", succeeded + afterSteps + runs, TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(20));
        await server.WaitForIdleAsync();
        var ungated = (server.CpuTime - cpu).TotalMilliseconds / runs;
        succeeded += runs;
        output.WriteLine($"ungated five-step run          {ungated,6:0.00} ms server CPU (trigger to succeeded)");

        // 2. A run that parks at a gate: trigger to pending gate (masking, review, audit, timer).
        await server.WaitForIdleAsync();
        cpu = server.CpuTime;
        var gates = await ParkAsync(server, timings, ApprovalRunbooks.Gated, runs, connections, "1h");
        await server.WaitForIdleAsync();
        var gatedStart = (server.CpuTime - cpu).TotalMilliseconds / runs;
        output.WriteLine($"gated start                    {gatedStart,6:0.00} ms  = {gatedStart / ungated:0.0}x ungated (trigger to pending gate)   aim <= 2x");

        // 3. Quorum 1: every gate approved by one of the reviewers, concurrently; then the run goes on to its next step.
        await server.WaitForIdleAsync();
        cpu = server.CpuTime;
        var clock = Stopwatch.StartNew();
        await DecideAllAsync(clients, gates.Values.ToList(), connections, votes: 1);
        await WaitForAfterStepAsync(timings, afterSteps += runs);
        var resumeElapsed = clock.Elapsed;
        await server.WaitForIdleAsync();
        var decision = (server.CpuTime - cpu).TotalMilliseconds / runs;
        output.WriteLine($"decision + resume, quorum 1    {decision,6:0.00} ms  = {decision / ungated:0.0}x ungated (decision to next step completed)   aim <= 3x");
        output.WriteLine($"resumes at {connections} connections      {runs / resumeElapsed.TotalSeconds,6:0} /s (decisions sent to all next steps completed)   aim >= 1,100/s");

        // 4. Quorum 2: two reviewers each; the first decision only counts, the second settles the gate and resumes the run.
        var q2 = await ParkAsync(server, timings, QuorumTwo, runs, connections, "1h");
        await server.WaitForIdleAsync();
        cpu = server.CpuTime;
        await DecideAllAsync(clients, q2.Values.ToList(), connections, votes: 2);
        await WaitForAfterStepAsync(timings, afterSteps += runs);
        await server.WaitForIdleAsync();
        var quorumTwo = (server.CpuTime - cpu).TotalMilliseconds / runs;
        output.WriteLine($"two decisions + resume, q. 2   {quorumTwo,6:0.00} ms  = {quorumTwo / ungated:0.0}x ungated");

        // 5. Decided gates at their old deadline: park with a short timeout, decide at once, then compare the CPU of the
        // seconds around the deadlines with as many idle seconds before them.
        var timed = await ParkAsync(server, timings, ApprovalRunbooks.Gated, runs, connections, $"{deadlineSeconds}s");
        await DecideAllAsync(clients, timed.Values.ToList(), connections, votes: 1);
        await WaitForAfterStepAsync(timings, afterSteps += runs);
        var (firstDeadline, lastDeadline) = timings.DeadlineRange(timed.Values);
        var window = TimeSpan.FromMilliseconds(lastDeadline - firstDeadline) + TimeSpan.FromSeconds(4);
        var untilWindow = DateTimeOffset.FromUnixTimeMilliseconds(firstDeadline) - TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow;
        if (untilWindow < window + TimeSpan.FromSeconds(1))
            throw new InvalidOperationException($"the gates were decided too close to their deadlines to measure an idle window first: use a larger --deadline-seconds than {deadlineSeconds}");
        await Task.Delay(untilWindow - window);
        cpu = server.CpuTime;
        await Task.Delay(window);
        var idle = server.CpuTime - cpu;
        cpu = server.CpuTime;
        await Task.Delay(window);
        var atDeadline = (server.CpuTime - cpu - idle).TotalMilliseconds / runs;
        output.WriteLine($"decided gate at old deadline   {atDeadline,6:0.00} ms  = {atDeadline / ungated:0.0}x ungated (window CPU minus idle CPU, per gate)   aim 0");

        // 6. Latency at a fixed rate (open loop): decision i is sent at i / rate whatever the server does.
        var paced = await ParkAsync(server, timings, ApprovalRunbooks.Gated, Math.Max(rate * 10, 200), connections, "1h");
        var started = Stopwatch.StartNew();
        await Task.WhenAll(paced.Values.Select(async (gateId, i) =>
        {
            var wait = TimeSpan.FromSeconds((double)i / rate) - started.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            await ApproveAsync(clients[i % clients.Count], gateId);
        }));
        await WaitForAfterStepAsync(timings, afterSteps += paced.Count);
        var latency = Percentiles.Of(timings.DecisionToNextStepStarted(paced.Values, ApprovalRunbooks.AfterStep));

        output.WriteLine($"decision -> next step started at {rate}/s: p50 {latency.P50:0.0} ms, p90 {latency.P90:0.0} ms, p99 {latency.P99:0.0} ms, max {latency.Max:0.0} ms (n={latency.Count}, server clock)   aim p99 < 20 ms");
        foreach (var client in clients) client.Dispose();
        return 0;
    }

    private static async Task<Dictionary<string, string>> ParkAsync(BenchServer server, GateTimings timings, string runbook, int count, int connections, string timeout)
    {
        var before = timings.PendingGatesByRun().Keys.ToHashSet();
        var ids = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = connections },
            async (i, ct) => ids[i] = await server.StartRunAsync(runbook, new JsonObject { ["timeout"] = timeout }, ct));
        var limit = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            var pending = timings.PendingGatesByRun();
            if (ids.All(pending.ContainsKey)) return ids.ToDictionary(id => id, id => pending[id]);
            if (DateTime.UtcNow > limit) throw new TimeoutException($"only {ids.Count(pending.ContainsKey)} of {count} gates of {runbook} opened within 5 minutes");
            await Task.Delay(20);
        }
    }

    // Each gate gets `votes` approvals from different reviewers; the connections share the gates between them.
    private static Task DecideAllAsync(List<HttpClient> clients, List<string> gateIds, int connections, int votes) =>
        Parallel.ForAsync(0, gateIds.Count * votes, new ParallelOptions { MaxDegreeOfParallelism = connections }, async (i, _) =>
        {
            var gate = i / votes;
            await ApproveAsync(clients[(gate + i % votes) % clients.Count], gateIds[gate]);
        });

    private static async Task ApproveAsync(HttpClient reviewer, string gateId)
    {
        using var response = await reviewer.PostAsJsonAsync($"/api/approvals/{gateId}/decisions", new { decision = "approve" });
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"approving {gateId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task WaitForAfterStepAsync(GateTimings timings, int count)
    {
        var limit = DateTime.UtcNow.AddMinutes(5);
        while (timings.CountCompleted(ApprovalRunbooks.AfterStep) < count)
        {
            if (DateTime.UtcNow > limit) throw new TimeoutException($"fewer than {count} approved runs completed their next step within 5 minutes");
            await Task.Delay(10);
        }
    }
}
