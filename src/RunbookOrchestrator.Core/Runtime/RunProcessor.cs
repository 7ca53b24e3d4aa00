using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunbookOrchestrator.Activities;
using RunbookOrchestrator.Audit;
using RunbookOrchestrator.Masking;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Runtime.State;

namespace RunbookOrchestrator.Runtime;

/// <summary>Drives one claimed run forward: consumes signals, fires due timers, runs ready steps, routes their outcomes,
/// and commits each round before the next, until the run parks (waits) or ends. At-least-once per step. A round runs the due
/// steps and then the effect-free steps they lead to, so it ends with one commit before the next step with an effect.</summary>
internal sealed class RunProcessor(
    IRunStore store,
    DefinitionSnapshots definitions,
    StepRunner steps,
    ITimerScheduler timers,
    IMasker masker,
    Approvals.AbandonedGates abandonedGates,
    IOptions<RuntimeOptions> options,
    TimeProvider clock,
    ILogger<RunProcessor> logger)
{
    private const int MaxEffectFreePasses = 64;
    private static readonly TimeSpan MaxEffectFreeTime = TimeSpan.FromMilliseconds(100);
    private readonly RuntimeOptions _options = options.Value;
    private readonly StepRunner _steps = steps;

    public async Task ProcessAsync(ClaimedRun claimed, CancellationToken cancellationToken)
    {
        var run = claimed.Run;
        var runbook = await definitions.GetAsync(run.DefinitionHash, cancellationToken);
        var state = RunState.Parse(run.StateJson);
        var open = claimed.OpenExecutions.OrderBy(e => e.Sequence).ToList();
        var signals = claimed.Signals.OrderBy(s => s.Id).ToList();

        using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var keeper = new LeaseKeeper(store, run.Id, _options, clock, logger, leaseLost);

        var firstRound = true;
        // Set when the flag was read after the round's last step with an effect: only effect-free steps ran since.
        var cancelSeenThisRound = false;
        while (true)
        {
            // A cancel posted while this node holds the run lands only in the database; look before every further round,
            // or a run that keeps finding work would run to its end despite an accepted cancel.
            if (!firstRound && !cancelSeenThisRound && !run.CancelRequested && await store.IsCancelRequestedAsync(run.Id, cancellationToken))
                run.CancelRequested = true;
            firstRound = false;
            cancelSeenThisRound = false;
            var tx = new RunTransition();
            var now = clock.GetUtcNow();
            // Waits with a pending timer at the start of the round: one that ends early (a decision, an event, a cancel)
            // has its timer removed after the commit, instead of waking the run for nothing at its old deadline.
            var timed = open.Where(e => e.Status == StepExecutionStatus.Waiting && e.WaitUntil > now).ToList();

            if (signals.Count > 0) run.LastSignalId = Math.Max(run.LastSignalId, signals.Max(s => s.Id));

            if (run.CancelRequested)
            {
                foreach (var e in open) Close(tx, e, StepExecutionStatus.Cancelled, null, "run cancelled", now);
                open.Clear();
                run.Status = RunStatus.Cancelled;
                run.Error ??= "cancelled";
            }
            else
            {
                var work = CollectDueWork(open, signals, tx, now);
                if (work.Count > 0)
                {
                    var scope = RunScope.Build(run, state);
                    foreach (var w in work)
                        if (w.Signal is null) MarkStarted(tx, run, w.Execution, now);
                    var results = await Task.WhenAll(work.Select(w => w.Run(this, run, runbook, scope, leaseLost.Token)));
                    for (var i = 0; i < work.Count; i++)
                    {
                        Apply(tx, run, runbook, state, open, work[i].Execution, results[i], clock.GetUtcNow());
                        AuditStep(tx, run, work[i].Execution, results[i]);
                    }
                    // A cancel may have come while a step with an effect ran; what follows it in this round must then not run.
                    // When nothing can follow (a step parked at a gate, the usual case) the flag is not read: a cancel that
                    // came meanwhile wakes the run again as this round lets it go, and the next round sees it.
                    if (ReadyEffectFreeSteps(runbook, open, clock.GetUtcNow()) is not null && work.Any(w => HadEffect(runbook, w)))
                    {
                        run.CancelRequested = await store.IsCancelRequestedAsync(run.Id, cancellationToken);
                        cancelSeenThisRound = true;
                    }
                    if (!run.CancelRequested) await RunEffectFreeStepsAsync(tx, run, runbook, state, open, leaseLost.Token);
                }
            }

            var wasTerminal = run.CompletedAt != null;
            Settle(tx, run, state, open, clock.GetUtcNow());
            var endedNow = !wasTerminal && run.CompletedAt != null;
            if (endedNow)
                tx.Audit.Add(new AuditRecord(AuditEventKinds.RunCompleted, "system", "engine", run.Id,
                    Data: new JsonObject { ["status"] = run.Status.ToString().ToLowerInvariant(), ["error"] = run.Error is { } e ? masker.MaskText(e).Text : null }));
            var moreNow = !run.Status.IsTerminal() && HasDueWork(open, signals, clock.GetUtcNow());
            run.StateJson = state.ToJson();
            run.UpdatedAt = clock.GetUtcNow();
            run.WakeAt = NextWake(run, open, clock.GetUtcNow());
            if (!moreNow)
            {
                run.LeaseOwner = null;
                run.LeaseExpiresAt = null;
            }

            if (!await store.CommitAsync(tx.ToCommit(run, _options.NodeId, release: !moreNow), CancellationToken.None))
            {
                logger.LogWarning("Run {RunId}: lease lost to another node; this node's round was not committed", run.Id);
                return;
            }

            foreach (var timer in tx.Timers)
                await ScheduleTimerAsync(timer);
            foreach (var ended in timed.Where(e => e.Status != StepExecutionStatus.Waiting || e.WaitUntil is null))
                await CancelTimerAsync(run.Id, ended.Id);
            // A run that succeeded has settled every gate it waited on; one cancelled or failed on another branch may leave some pending.
            if (endedNow && run.Status != RunStatus.Succeeded) await abandonedGates.CancelForRunAsync(run.Id, CancellationToken.None);
            if (!moreNow) return;
        }
    }

    /// <summary>Runs, in this same round, the effect-free steps (set, branch, switch, fail, parallel, join) that the round has made
    /// ready, pass after pass, so that a stretch of them costs one commit instead of one each. Their results are committed with
    /// the round, before any step with an effect starts: that step is left ready and gets a round of its own. A crash before the
    /// commit loses only results that can be computed again from the committed state, and nothing outside the run saw them.</summary>
    private async Task RunEffectFreeStepsAsync(RunTransition tx, RunData run, RunbookDefinition runbook, RunState state,
        List<StepExecutionData> open, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        for (var pass = 0; pass < MaxEffectFreePasses && !run.Status.IsTerminal(); pass++)
        {
            // A loop of effect-free steps still commits (and looks for a cancel) now and then.
            if (clock.GetElapsedTime(started) > MaxEffectFreeTime) return;
            var now = clock.GetUtcNow();
            if (ReadyEffectFreeSteps(runbook, open, now) is not { } ready) return;
            var scope = RunScope.Build(run, state);
            var results = await Task.WhenAll(ready.Select(e => _steps.StartWithoutEffectsAsync(run, runbook, e, scope, cancellationToken)));
            var applied = 0;
            for (var i = 0; i < ready.Count; i++)
            {
                if (results[i] is not { } result) continue; // needs a gate: it runs after this round's commit
                MarkStarted(tx, run, ready[i], now);
                Apply(tx, run, runbook, state, open, ready[i], result, clock.GetUtcNow());
                AuditStep(tx, run, ready[i], result);
                applied++;
            }
            if (applied < ready.Count) return;
        }
    }

    // Whether running the work item may have taken time doing something outside (a cancel may have come meanwhile). An
    // approval step resumed by its gate's decision only read the gate: the flag read with the run when it was claimed holds.
    private bool HadEffect(RunbookDefinition runbook, WorkItem work) =>
        runbook.FindStep(work.Execution.StepId) is not { } step
        || (work.Signal is null ? !_steps.IsEffectFree(step) : step.Uses != ControlFlow.Approval);

    // The steps ready to run now when all of them are effect-free, else null. All or nothing: an effect-free branch must not
    // overtake a sibling with an effect that is just as ready.
    private List<StepExecutionData>? ReadyEffectFreeSteps(RunbookDefinition runbook, List<StepExecutionData> open, DateTimeOffset now)
    {
        var ready = open.Where(e => e.Status == StepExecutionStatus.Ready && (e.DueAt is null || e.DueAt <= now)).ToList();
        return ready.Count > 0 && ready.All(e => runbook.FindStep(e.StepId) is { } step && _steps.IsEffectFree(step)) ? ready : null;
    }

    private List<WorkItem> CollectDueWork(List<StepExecutionData> open, List<RunSignalData> signals, RunTransition tx, DateTimeOffset now)
    {
        var work = new List<WorkItem>();
        foreach (var signal in signals.ToList())
        {
            var waitName = signal.Kind == SignalKinds.ChildCompleted ? ControlFlow.ChildEvent(signal.Name) : signal.Name;
            var waiting = open.FirstOrDefault(e => e.Status == StepExecutionStatus.Waiting && e.WaitEvent == waitName && work.All(w => w.Execution != e));
            if (waiting is null && signal.Kind == SignalKinds.Event) continue; // kept for a wait.event that has not started yet
            signals.Remove(signal);
            tx.ConsumedSignals.Add(signal.Id);
            if (waiting is null)
            {
                logger.LogInformation("Signal {Kind}:{Name} had no waiting step and was dropped", signal.Kind, signal.Name);
                continue;
            }
            var reason = signal.Kind == SignalKinds.ChildCompleted ? "child" : "event";
            work.Add(WorkItem.Resume(waiting, new ResumeSignal(reason, Parse(signal.PayloadJson), Parse(waiting.BookmarkStateJson))));
        }

        foreach (var e in open)
        {
            if (work.Any(w => w.Execution == e)) continue;
            if (e.Status == StepExecutionStatus.Waiting && e.WaitUntil is { } until && until <= now)
                work.Add(WorkItem.Resume(e, new ResumeSignal("timer", null, Parse(e.BookmarkStateJson))));
            else if (e.Status == StepExecutionStatus.Ready && (e.DueAt is null || e.DueAt <= now))
                work.Add(WorkItem.Start(e));
        }
        return work;
    }

    /// <summary>Records when an attempt starts, before its activity runs: a call that takes 30 s shows 30 s between
    /// <c>started_at</c> and <c>completed_at</c>, and the trail says <c>step.started</c> for every attempt. Both are
    /// committed with the round that runs the attempt, the same commit as its result when it finishes within the round.</summary>
    private static void MarkStarted(RunTransition tx, RunData run, StepExecutionData execution, DateTimeOffset now)
    {
        if (execution.StartedAt is not null) return;
        execution.StartedAt = now;
        tx.Audit.Add(new AuditRecord(AuditEventKinds.StepStarted, "system", "engine", run.Id, execution.StepId, Data: new JsonObject { ["attempt"] = execution.Attempt }));
    }

    /// <summary>One audit record per step result that ends an attempt (completed, failed, parked on a gate is audited by the gate itself).</summary>
    private void AuditStep(RunTransition tx, RunData run, StepExecutionData execution, ActivityResult result)
    {
        var (kind, outcome, error) = result switch
        {
            ActivityResult.Completed c => (AuditEventKinds.StepCompleted, c.Name, (string?)null),
            ActivityResult.Faulted f => (AuditEventKinds.StepFailed, execution.Outcome ?? "retrying", f.Error),
            _ => (null, null, null),
        };
        if (kind is null) return;
        tx.Audit.Add(new AuditRecord(kind, "system", "engine", run.Id, execution.StepId, Data: new JsonObject
        {
            ["attempt"] = execution.Attempt, ["outcome"] = outcome, ["error"] = error is null ? null : masker.MaskText(error).Text,
        }));
    }

    private static bool HasDueWork(List<StepExecutionData> open, List<RunSignalData> signals, DateTimeOffset now) =>
        open.Any(e =>
            (e.Status == StepExecutionStatus.Ready && (e.DueAt is null || e.DueAt <= now)) ||
            (e.Status == StepExecutionStatus.Waiting && e.WaitUntil is { } until && until <= now) ||
            (e.Status == StepExecutionStatus.Waiting && signals.Any(s =>
                (s.Kind == SignalKinds.ChildCompleted ? ControlFlow.ChildEvent(s.Name) : s.Name) == e.WaitEvent)));

    private void Apply(RunTransition tx, RunData run, RunbookDefinition runbook, RunState state, List<StepExecutionData> open,
        StepExecutionData execution, ActivityResult result, DateTimeOffset now)
    {
        if (run.Status.IsTerminal()) return; // another branch failed the run in this round
        var step = runbook.FindStep(execution.StepId);
        execution.StartedAt ??= now;
        switch (result)
        {
            case ActivityResult.Completed completed:
            {
                var status = completed.Name == Outcomes.Skipped ? StepExecutionStatus.Skipped : StepExecutionStatus.Succeeded;
                Close(tx, execution, status, completed.Name, null, now, completed.Output);
                open.Remove(execution);
                state.RecordStep(execution.StepId, completed.Name, completed.Output, null);
                if (step?.Uses == ControlFlow.Parallel && completed.Name == Outcomes.Done)
                    Fork(tx, run, runbook, state, open, execution, step, now);
                else if (step != null)
                    Route(tx, run, runbook, state, open, execution, step, completed.Name, null, now);
                break;
            }
            case ActivityResult.Faulted fault:
            {
                var maxAttempts = step?.Retry?.MaxAttempts ?? 1;
                if (fault.Retryable && step != null && execution.Attempt < maxAttempts)
                {
                    Close(tx, execution, StepExecutionStatus.Failed, null, fault.Error, now, fault.Output);
                    open.Remove(execution);
                    var due = now + step.Retry!.DelayBefore(execution.Attempt + 1);
                    var retry = NewExecution(tx, run, open, step.Id, execution.ForkPath, execution.Attempt + 1, now);
                    if (retry != null)
                    {
                        retry.DueAt = due;
                        tx.Timers.Add(RunTimer.For(retry, due));
                    }
                    logger.LogInformation("Run {RunId} step {StepId} attempt {Attempt} failed; retrying at {Due:O}", run.Id, step.Id, execution.Attempt, due);
                    break;
                }
                Close(tx, execution, StepExecutionStatus.Failed, fault.FinalOutcome, fault.Error, now, fault.Output);
                open.Remove(execution);
                state.RecordStep(execution.StepId, fault.FinalOutcome, fault.Output, fault.Error);
                if (step != null) Route(tx, run, runbook, state, open, execution, step, fault.FinalOutcome, fault.Error, now);
                else FailRun(tx, run, open, fault.Error, now);
                break;
            }
            case ActivityResult.Suspended suspended:
            {
                execution.Status = StepExecutionStatus.Waiting;
                execution.WaitEvent = suspended.Bookmark.EventName;
                execution.BookmarkStateJson = suspended.Bookmark.State?.ToJsonString();
                var until = suspended.Bookmark.ResumeAt;
                var isGate = suspended.Bookmark.EventName?.StartsWith(Approvals.GateKeeper.BookmarkPrefix, StringComparison.Ordinal) == true;
                if (!isGate && step?.Timeout is { } limit && execution.StartedAt is { } started && (until is null || started + limit < until))
                    until = started + limit;
                execution.WaitUntil = until;
                tx.Touch(execution);
                if (until is { } at) tx.Timers.Add(RunTimer.For(execution, at));
                break;
            }
        }
    }

    private void Route(RunTransition tx, RunData run, RunbookDefinition runbook, RunState state, List<StepExecutionData> open,
        StepExecutionData from, StepDefinition step, string outcome, string? error, DateTimeOffset now)
    {
        if (!step.Next.TryGetValue(outcome, out var target))
        {
            if (outcome is Outcomes.Failed or Outcomes.TimedOut or Outcomes.Rejected or Outcomes.Denied or Outcomes.Expired)
            {
                state.RecordFailure(step.Id, outcome, error);
                FailRun(tx, run, open, $"step '{step.Id}' ended {outcome}" + (error is null ? "" : $": {error}"), now);
                return;
            }
            target = runbook.StepAfter(step.Id)?.Id ?? "end";
        }
        if (target == "end") return;

        var next = runbook.FindStep(target);
        if (next is null)
        {
            FailRun(tx, run, open, $"step '{step.Id}' routes '{outcome}' to missing step '{target}'", now);
            return;
        }

        if (next.Uses == ControlFlow.Join)
        {
            var cut = from.ForkPath.LastIndexOf('/');
            if (cut < 0)
            {
                NewExecution(tx, run, open, next.Id, from.ForkPath, 1, now);
                return;
            }
            var forkId = from.ForkPath[(cut + 1)..];
            var waitForAll = next.With["mode"]?.GetValue<string>() != "any";
            if (state.ArriveAtJoin(forkId, waitForAll))
                NewExecution(tx, run, open, next.Id, from.ForkPath[..cut], 1, now);
            return;
        }
        NewExecution(tx, run, open, next.Id, from.ForkPath, 1, now);
    }

    private void Fork(RunTransition tx, RunData run, RunbookDefinition runbook, RunState state, List<StepExecutionData> open,
        StepExecutionData parallel, StepDefinition step, DateTimeOffset now)
    {
        var branches = (step.With["branches"] as JsonArray)?.Select(b => b?.GetValue<string>()).OfType<string>().ToList() ?? [];
        if (branches.Count == 0)
        {
            Route(tx, run, runbook, state, open, parallel, step, Outcomes.Done, null, now);
            return;
        }
        state.OpenFork(parallel.Id, branches.Count);
        foreach (var branch in branches)
        {
            if (runbook.FindStep(branch) is null)
            {
                FailRun(tx, run, open, $"step '{step.Id}' starts missing branch '{branch}'", now);
                return;
            }
            NewExecution(tx, run, open, branch, $"{parallel.ForkPath}/{parallel.Id}", 1, now);
        }
    }

    private StepExecutionData? NewExecution(RunTransition tx, RunData run, List<StepExecutionData> open, string stepId, string forkPath, int attempt, DateTimeOffset now)
    {
        if (run.ExecutionCount >= _options.MaxExecutionsPerRun)
        {
            FailRun(tx, run, open, $"run exceeded {_options.MaxExecutionsPerRun} step executions (a loop that never ends?)", now);
            return null;
        }
        run.ExecutionCount++;
        var execution = new StepExecutionData
        {
            Id = Guid.CreateVersion7().ToString("N"),
            RunId = run.Id,
            StepId = stepId,
            Attempt = attempt,
            Status = StepExecutionStatus.Ready,
            Sequence = run.ExecutionCount,
            ForkPath = forkPath,
            CreatedAt = now,
        };
        tx.Added.Add(execution);
        open.Add(execution);
        return execution;
    }

    private static void FailRun(RunTransition tx, RunData run, List<StepExecutionData> open, string error, DateTimeOffset now)
    {
        if (run.Status.IsTerminal()) return;
        foreach (var e in open) Close(tx, e, StepExecutionStatus.Cancelled, null, "run failed elsewhere", now);
        open.Clear();
        run.Status = RunStatus.Failed;
        run.Error = error;
    }

    private static void Close(RunTransition tx, StepExecutionData execution, StepExecutionStatus status, string? outcome, string? error, DateTimeOffset now, JsonNode? output = null)
    {
        execution.Status = status;
        execution.Outcome = outcome;
        execution.Error = error;
        execution.OutputJson = output?.ToJsonString();
        execution.CompletedAt = now;
        execution.WaitEvent = null;
        execution.WaitUntil = null;
        execution.DueAt = null;
        tx.Touch(execution);
    }

    /// <summary>Sets the run's status from its open executions and, when it has just ended, queues what must follow its end.</summary>
    private static void Settle(RunTransition tx, RunData run, RunState state, List<StepExecutionData> open, DateTimeOffset now)
    {
        if (!run.Status.IsTerminal())
        {
            if (open.Count == 0) run.Status = RunStatus.Succeeded;
            else run.Status = open.Any(e => e.Status == StepExecutionStatus.Ready) ? RunStatus.Running : RunStatus.Waiting;
        }
        if (!run.Status.IsTerminal() || run.CompletedAt != null) return;

        run.CompletedAt = now;
        var payload = new JsonObject
        {
            ["run_id"] = run.Id,
            ["runbook"] = run.RunbookId,
            ["runbook_version"] = run.RunbookVersion,
            // Lower-case like the run status everywhere else on the wire (GET /api/runs/{id}).
            ["status"] = run.Status.ToString().ToLowerInvariant(),
            ["error"] = run.Error,
            ["outputs"] = state.Outputs(),
            ["failure"] = state.Failure?.DeepClone(),
            ["completed_at"] = now.ToString("O"),
        };
        if (run.ParentRunId is { } parent)
            tx.SignalsToOtherRuns.Add(new RunSignalData
            {
                RunId = parent,
                Kind = SignalKinds.ChildCompleted,
                Name = run.Id,
                PayloadJson = payload.ToJsonString(),
                CreatedAt = now,
            });
        if (run.CallbackUrl is { } url)
            tx.Outbox.Add(new OutboxMessageData
            {
                Kind = "callback",
                RunId = run.Id,
                Target = url,
                PayloadJson = payload.ToJsonString(),
                NextAttemptAt = now,
                CreatedAt = now,
            });
    }

    private static DateTimeOffset? NextWake(RunData run, List<StepExecutionData> open, DateTimeOffset now)
    {
        if (run.Status.IsTerminal()) return null;
        DateTimeOffset? wake = null;
        foreach (var e in open)
        {
            var at = e.Status == StepExecutionStatus.Ready ? e.DueAt ?? now : e.WaitUntil;
            if (at is { } t && (wake is null || t < wake)) wake = t;
        }
        return wake;
    }

    private async Task CancelTimerAsync(string runId, string timerId)
    {
        try
        {
            await timers.CancelWakeAsync(timerId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // A timer left behind only wakes the run for nothing; the engine finds nothing due and lets it go.
            logger.LogWarning(ex, "Run {RunId}: timer {TimerId} could not be removed; it will wake the run once for nothing", runId, timerId);
        }
    }

    private async Task ScheduleTimerAsync(RunTimer timer)
    {
        try
        {
            await timers.ScheduleWakeAsync(timer, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The run's WakeAt is committed, so the dispatcher's poll still wakes it; the timer only makes that prompt.
            logger.LogWarning(ex, "Run {RunId}: timer {TimerId} could not be scheduled; the poller will wake the run", timer.RunId, timer.TimerId);
        }
    }

    private static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);

    private sealed record WorkItem(StepExecutionData Execution, ResumeSignal? Signal)
    {
        public static WorkItem Start(StepExecutionData e) => new(e, null);
        public static WorkItem Resume(StepExecutionData e, ResumeSignal s) => new(e, s);

        public Task<ActivityResult> Run(RunProcessor processor, RunData run, RunbookDefinition runbook, JsonObject scope, CancellationToken ct) =>
            Signal is null
                ? processor._steps.StartAsync(run, runbook, Execution, scope, ct)
                : processor._steps.ResumeAsync(run, runbook, Execution, Signal, scope, ct);
    }
}
