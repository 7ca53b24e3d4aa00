using System.Net;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Tests.Hosting;
using RunbookOrchestrator.Tests.Process;

namespace RunbookOrchestrator.Tests.Durability;

/// <summary>The real server process is killed with SIGKILL while runs are in flight and started again on the same data:
/// every run completes, none is lost, and nothing the engine had committed as done happens again.</summary>
public sealed class KilledServerResumesRunsTests
{
    private const int RunsPerRunbook = 100;
    private static readonly TimeSpan CompletionTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Runs_parked_on_events_and_timers_all_complete_after_SIGKILL_with_every_step_run_exactly_once()
    {
        await using var counter = await HitCounter.StartAsync();
        // The delay must outlast starting and parking 200 runs on a slow shared machine, so every timer is still pending at the kill.
        await using var server = new ServerProcess([DurabilityRunbooks.EventRunbook(), DurabilityRunbooks.DelayRunbook("60s")]);
        await server.StartAsync();

        var inputs = new { counter = counter.BaseUrl };
        var eventRuns = await StartManyAsync(server.Client, DurabilityRunbooks.ParkOnEvent, inputs, RunsPerRunbook);
        var delayRuns = await StartManyAsync(server.Client, DurabilityRunbooks.ParkOnDelay, inputs, RunsPerRunbook);
        await WaitForAllAsync(server, eventRuns, run => IsWaitingOn(run, "event"), "parked on event 'go'");
        await WaitForAllAsync(server, delayRuns, run => IsWaitingOn(run, "timer"), "parked on the delay");

        await server.KillAsync();
        var atKill = await new DatabaseFile(server.DatabasePath).RunStatusesAsync();
        Assert.Equal(2 * RunsPerRunbook, atKill.Count);
        Assert.All(atKill, r => Assert.Equal("Waiting", r.Value));

        await server.StartAsync();
        await SendEventToAllAsync(server.Client, eventRuns, "go");
        var finished = await WaitForAllAsync(server, [.. eventRuns, .. delayRuns], run => run.Status() == "succeeded", "succeeded");

        Assert.Equal(2 * RunsPerRunbook, finished.Count);
        foreach (var runId in eventRuns.Concat(delayRuns))
        {
            Assert.Equal(1, counter.CountOf("before", runId));
            Assert.Equal(1, counter.CountOf("after", runId));
            var steps = finished[runId]["steps"]!.AsArray().Select(s => s!["step"]!.GetValue<string>()).ToList();
            Assert.Equal(["before", "pause", "after"], steps);
        }
        Assert.Equal(4 * RunsPerRunbook, counter.Count);
    }

    [Fact]
    public async Task Runs_killed_while_executing_all_complete_after_restart_and_no_step_committed_before_the_kill_runs_again()
    {
        await using var counter = await HitCounter.StartAsync();
        // Held responses keep steps in flight, so the kill lands in the middle of executions rather than between them.
        counter.ResponseDelay = TimeSpan.FromMilliseconds(100);
        await using var server = new ServerProcess([DurabilityRunbooks.FiveStepRunbook()]);
        await server.StartAsync();

        var runs = await StartManyAsync(server.Client, DurabilityRunbooks.FiveSteps, new { counter = counter.BaseUrl }, RunsPerRunbook);
        await WaitUntilAsync(() => counter.Count >= 90, server, "90 hits before the kill");

        await server.KillAsync();
        var database = new DatabaseFile(server.DatabasePath);
        var atKill = await database.RunStatusesAsync();
        var committedBeforeKill = await database.SucceededStepsAsync();
        Assert.Equal(runs.Order(), atKill.Keys.Order());
        Assert.Contains(atKill.Values, status => status != "Succeeded");

        await server.StartAsync();
        var finished = await WaitForAllAsync(server, runs, run => run.Status() == "succeeded", "succeeded");

        Assert.Equal(RunsPerRunbook, finished.Count);
        foreach (var (runId, step) in committedBeforeKill.Where(s => s.StepId.StartsWith("hit-", StringComparison.Ordinal)))
            Assert.Equal(1, counter.CountOf(step, runId));
        foreach (var runId in runs)
        {
            foreach (var step in new[] { "hit-1", "hit-2", "hit-3" })
                Assert.True(counter.CountOf(step, runId) >= 1, $"run {runId} never called {step}");
            var steps = finished[runId]["steps"]!.AsArray().Select(s => s!["step"]!.GetValue<string>()).ToList();
            Assert.Equal(["hit-1", "nap-1", "hit-2", "nap-2", "hit-3"], steps);
        }
    }

    [Fact]
    public async Task Effect_free_steps_are_committed_before_the_next_effect_and_none_runs_twice_after_SIGKILL()
    {
        await using var counter = await HitCounter.StartAsync();
        counter.ResponseDelay = TimeSpan.FromMilliseconds(100);
        await using var server = new ServerProcess([DurabilityRunbooks.MixedRunbook()]);
        await server.StartAsync();

        var runs = await StartManyAsync(server.Client, DurabilityRunbooks.Mixed, new { counter = counter.BaseUrl }, RunsPerRunbook);
        await WaitUntilAsync(() => counter.Count >= 150, server, "150 hits before the kill");

        await server.KillAsync();
        var hitsAtKill = counter.Hits;
        var committedBeforeKill = await new DatabaseFile(server.DatabasePath).SucceededStepsAsync();
        // A hit is only sent once the steps before it are committed; the kill cannot have undone that.
        foreach (var hit in hitsAtKill.Where(h => h.Step == "hit-2"))
            Assert.True(committedBeforeKill.Contains((hit.RunId, "compute")) && committedBeforeKill.Contains((hit.RunId, "decide")),
                $"run {hit.RunId} called hit-2 before compute and decide were committed");
        foreach (var hit in hitsAtKill.Where(h => h.Step == "hit-3"))
            Assert.True(committedBeforeKill.Contains((hit.RunId, "tally")), $"run {hit.RunId} called hit-3 before tally was committed");
        Assert.True(hitsAtKill.Count < 3 * RunsPerRunbook, "every run had finished before the kill; nothing was tested");

        await server.StartAsync();
        var finished = await WaitForAllAsync(server, runs, run => run.Status() == "succeeded", "succeeded");

        foreach (var (runId, step) in committedBeforeKill.Where(s => s.StepId.StartsWith("hit-", StringComparison.Ordinal)))
            Assert.Equal(1, counter.CountOf(step, runId));
        foreach (var runId in runs)
        {
            var steps = finished[runId]["steps"]!.AsArray().Select(s => s!["step"]!.GetValue<string>()).ToList();
            Assert.Equal(["hit-1", "compute", "decide", "hit-2", "tally", "hit-3"], steps);
        }
    }

    private static bool IsWaitingOn(JsonObject run, string kind) =>
        run.Status() == "waiting" && run["waiting_for"]?.AsArray() is [{ } wait] && wait["kind"]?.GetValue<string>() == kind;

    private static async Task<List<string>> StartManyAsync(HttpClient client, string runbook, object inputs, int count)
    {
        var ids = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => ids[i] = await client.StartAsync(runbook, inputs, reason: $"durability run {i}"));
        return [.. ids];
    }

    private static async Task SendEventToAllAsync(HttpClient client, IEnumerable<string> runIds, string eventName)
    {
        await Parallel.ForEachAsync(runIds, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (runId, _) =>
        {
            using var response = await client.PostAsync($"/api/runs/{runId}/events/{eventName}", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        });
    }

    /// <summary>Polls each run until <paramref name="condition"/> holds for all of them; returns the last view of each.</summary>
    private static async Task<Dictionary<string, JsonObject>> WaitForAllAsync(ServerProcess server, IReadOnlyCollection<string> runIds, Func<JsonObject, bool> condition, string what)
    {
        var done = new System.Collections.Concurrent.ConcurrentDictionary<string, JsonObject>();
        var last = new System.Collections.Concurrent.ConcurrentDictionary<string, JsonObject>();
        var deadline = DateTime.UtcNow + CompletionTimeout;
        while (done.Count < runIds.Count)
        {
            if (DateTime.UtcNow > deadline)
            {
                var stuck = runIds.Where(id => !done.ContainsKey(id)).Take(3).Select(id => last.TryGetValue(id, out var r) ? r.ToJsonString() : id);
                throw new TimeoutException($"{runIds.Count - done.Count} of {runIds.Count} runs not {what} after {CompletionTimeout.TotalSeconds:0}s, e.g.\n" +
                                           string.Join("\n", stuck) + $"\nserver output:\n{Tail(server.Output)}");
            }
            await Parallel.ForEachAsync(runIds.Where(id => !done.ContainsKey(id)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
            {
                JsonObject run;
                try
                {
                    run = await server.Client.GetRunAsync(id);
                }
                catch (HttpRequestException ex)
                {
                    throw new InvalidOperationException($"reading run {id} failed ({ex.Message}); server running: {server.IsRunning}; output:\n{Tail(server.Output)}", ex);
                }
                last[id] = run;
                if (condition(run)) done[id] = run;
            });
            if (done.Count < runIds.Count) await Task.Delay(250);
        }
        return done.ToDictionary();
    }

    private static async Task WaitUntilAsync(Func<bool> condition, ServerProcess server, string what)
    {
        var deadline = DateTime.UtcNow + CompletionTimeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"never saw {what}; server output:\n{Tail(server.Output)}");
            await Task.Delay(10);
        }
    }

    private static string Tail(string output) => output.Length <= 8000 ? output : output[^8000..];
}
