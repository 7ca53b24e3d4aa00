using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RunbookOrchestrator.Audit;

namespace RunbookOrchestrator.Approvals;

/// <summary>Times out overdue approval gates in batches, like a group commit: every request joins the next sweep, and one sweep moves every
/// gate overdue by then to timed out, with its audit record, in one transaction.</summary>
/// <remarks>A gate timed out one by one costs a run claim, a gate transaction and an audit transaction, all queued behind the dispatcher;
/// 10,000 deadlines in one minute are more of those than a small server commits. Here the timer that fires only asks for a sweep, so the
/// gates are settled within one sweep of their deadline however far the runs that wait on them are behind, and the runs read the result.</remarks>
public sealed class GateTimeouts(IApprovalStore store, AbandonedGates abandoned, TimeProvider clock, ILogger<GateTimeouts> logger)
{
    private const int BatchSize = 500;
    private static readonly TimeSpan AbandonedGrace = TimeSpan.FromMinutes(1);

    /// <summary>After a sweep, a deadline this close is waited for here instead of for its timer: in a burst the triggers' own
    /// firing falls behind (several commits each, on thread-pool threads the engine's blocking SQLite calls also hold), and the sweep must not.</summary>
    private static readonly TimeSpan FollowHorizon = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private readonly HashSet<string> _asked = [];
    private readonly AutoResetEvent _wake = new(false);
    private TaskCompletionSource? _next;
    private bool _sweeping;

    /// <summary>A timer fired: sweep soon, without waiting for it. Requests that arrive while a sweep runs share the one after it.</summary>
    public void RequestSweep() => _ = JoinNextSweep(null);

    /// <summary>Times out <paramref name="gateId"/> if it is still pending and overdue, in the next sweep together with every other overdue gate.
    /// Completes when that sweep has ended; the caller reads the gate to learn how it ended (a decision may have come first).</summary>
    public Task TimeOutAsync(string gateId, CancellationToken cancellationToken) => JoinNextSweep(gateId).WaitAsync(cancellationToken);

    private Task JoinNextSweep(string? gateId)
    {
        Task joined;
        lock (_lock)
        {
            if (gateId is not null) _asked.Add(gateId);
            _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            joined = _next.Task;
            if (!_sweeping)
            {
                _sweeping = true;
                // Its own thread, not the thread pool: under a burst the pool is short of threads, and a sweep queued behind them is late.
                new Thread(SweepWhileDue) { IsBackground = true, Name = "gate-timeouts" }.Start();
            }
        }
        _wake.Set();
        return joined;
    }

    private void SweepWhileDue()
    {
        DateTimeOffset? follow = null;
        while (true)
        {
            if (follow is { } at && at - clock.GetUtcNow() is { } wait && wait > TimeSpan.Zero) _wake.WaitOne(wait);

            TaskCompletionSource? done;
            List<string> asked;
            lock (_lock)
            {
                done = _next;
                if (done is null)
                {
                    if (follow is null)
                    {
                        _sweeping = false;
                        return;
                    }
                    // Woken by a request an earlier sweep already served: the followed deadline has not come yet.
                    if (clock.GetUtcNow() < follow) continue;
                }
                _next = null;
                asked = [.. _asked];
                _asked.Clear();
            }
            follow = null;
            try
            {
                // The store's SQLite calls complete synchronously, so this stays on this thread rather than waiting for the pool.
                IReadOnlyList<ApprovalGateData> timedOut;
                do
                {
                    timedOut = store.TimeOutOverdueAsync(asked, BatchSize, Record, CancellationToken.None).GetAwaiter().GetResult();
                    asked = [];
                    foreach (var gate in timedOut) logger.LogInformation("Approval {GateId} timed out without a decision", gate.Id);
                } while (timedOut.Count >= BatchSize);
                var now = clock.GetUtcNow();
                // Well past their deadline, so a gate whose step is still being committed as waiting on it is not taken for abandoned.
                abandoned.CancelOverdueAsync(now - AbandonedGrace, CancellationToken.None).GetAwaiter().GetResult();
                if (store.NextDeadlineAsync(now, CancellationToken.None).GetAwaiter().GetResult() is { } next && next - now <= FollowHorizon)
                    follow = next;
            }
            catch (Exception ex)
            {
                // Nothing was committed; whoever waits reads the gate still pending and retries (a run fails its round and the poller brings it back).
                logger.LogError(ex, "Timing out overdue approval gates failed");
            }
            // Never faulted: a fire-and-forget request has nobody to observe it, and a waiter learns the result from the gate itself.
            done?.SetResult();
        }
    }

    private static AuditRecord Record(ApprovalGateData gate) =>
        new(AuditEventKinds.ApprovalTimedOut, "system", "system", gate.RunId, gate.StepId,
            Data: new JsonObject { ["gate_id"] = gate.Id, ["on_timeout"] = GateKeeper.Spec(gate).OnTimeout });
}
