using RunbookOrchestrator.Runtime.State;

namespace RunbookOrchestrator.Runtime;

/// <summary>The durable side of the engine. Every method is one transaction; implementations exist per database (EF Core: SQLite, PostgreSQL).</summary>
public interface IRunStore
{
    Task SaveDefinitionAsync(RunbookVersionData version, CancellationToken cancellationToken);
    Task<RunbookVersionData?> FindDefinitionAsync(string hash, CancellationToken cancellationToken);

    /// <summary>Inserts a run with its first step. With an idempotency key already used by the same requester, inserts nothing and returns the existing run.</summary>
    Task<RunData> CreateRunAsync(RunData run, StepExecutionData firstStep, IReadOnlyList<Audit.AuditRecord> audit, CancellationToken cancellationToken);

    /// <summary>Takes the run's lease if it is free, expired or already this node's, and loads what the engine needs. Null when another node holds it or the run is finished.</summary>
    Task<ClaimedRun?> TryClaimAsync(string runId, string node, DateTimeOffset leaseUntil, DateTimeOffset now, CancellationToken cancellationToken);

    Task<bool> RenewLeaseAsync(string runId, string node, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Frees every lease this node held before it restarted, so its runs resume at once instead of after the lease expires.</summary>
    Task<int> ReleaseLeasesAsync(string node, CancellationToken cancellationToken);

    /// <summary>Runs whose <see cref="RunData.WakeAt"/> has come and whose lease is free or expired, oldest first.</summary>
    Task<IReadOnlyList<string>> FindDueRunsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>The timers of every step execution that waits for an instant after <paramref name="now"/> (to rebuild timers at start).</summary>
    Task<IReadOnlyList<RunTimer>> ListPendingTimersAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Applies one transition of a claimed run atomically. False when the lease was lost (nothing is written).</summary>
    Task<bool> CommitAsync(RunCommit commit, CancellationToken cancellationToken);

    /// <summary>Queues a signal for a run that is not finished and wakes it. False when the run is unknown or finished.</summary>
    Task<bool> AppendSignalAsync(RunSignalData signal, CancellationToken cancellationToken);

    /// <summary>Queues a signal like <see cref="AppendSignalAsync"/>; a run nobody holds is also claimed with <paramref name="lease"/>
    /// in the same commit and read back, so its next round needs no claim of its own.</summary>
    Task<SignalAppended> AppendSignalAndClaimAsync(RunSignalData signal, RunLease lease, CancellationToken cancellationToken);

    /// <summary>Marks a run for cancellation and wakes it. False when unknown or finished.</summary>
    Task<bool> RequestCancelAsync(string runId, CancellationToken cancellationToken);

    Task<RunData?> GetRunAsync(string runId, CancellationToken cancellationToken);
    /// <summary>Whether a cancel was requested for the run: one column, read by the owner before every further round.</summary>
    Task<bool> IsCancelRequestedAsync(string runId, CancellationToken cancellationToken);
    /// <summary>The run and all its step executions as of one moment (one read snapshot), so a reader never sees a status
    /// from one transition beside steps from another. Null when unknown.</summary>
    Task<RunWithExecutions?> GetRunWithExecutionsAsync(string runId, CancellationToken cancellationToken);
    Task<int> CountPendingSignalsAsync(string runId, CancellationToken cancellationToken);
    /// <summary>What an event needs to know of its run in one read (who asked for it, whether it is finished, how many events
    /// wait unconsumed); null when the run is unknown.</summary>
    Task<RunSignalTarget?> GetSignalTargetAsync(string runId, CancellationToken cancellationToken);
    Task<IReadOnlyList<RunData>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<OutboxMessageData>> FindDueOutboxAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
    Task UpdateOutboxAsync(OutboxMessageData message, CancellationToken cancellationToken);
    /// <summary>The completion callback queued for <paramref name="runId"/>, if any (one per run).</summary>
    Task<OutboxMessageData?> FindCallbackAsync(string runId, CancellationToken cancellationToken);
}

/// <summary>A run with every step execution it has had, in order, read together.</summary>
public sealed record RunWithExecutions(RunData Run, IReadOnlyList<StepExecutionData> Executions);

/// <summary>A lease a node takes on a run: whose, and until when.</summary>
public readonly record struct RunLease(string Node, DateTimeOffset Until);

/// <summary>Whether a signal was queued (not when its run is unknown or finished), and the run when the signal also claimed it.</summary>
public sealed record SignalAppended(bool Written, ClaimedRun? Claimed);

/// <summary>A run this node holds, with its unfinished step executions and the signals not yet consumed.</summary>
public sealed record ClaimedRun(RunData Run, List<StepExecutionData> OpenExecutions, List<RunSignalData> Signals);

/// <summary>Everything one engine transition writes, committed together.</summary>
/// <param name="Run">The run row as it is after the transition; written only while <paramref name="Node"/> still holds the lease.</param>
/// <param name="ReleaseLease">True when the run has nothing immediately runnable and this node lets it go.</param>
public sealed record RunCommit(
    RunData Run,
    string Node,
    IReadOnlyList<StepExecutionData> Added,
    IReadOnlyList<StepExecutionData> Modified,
    IReadOnlyList<long> ConsumedSignals,
    IReadOnlyList<RunSignalData> SignalsToOtherRuns,
    IReadOnlyList<OutboxMessageData> Outbox,
    bool ReleaseLease,
    IReadOnlyList<Audit.AuditRecord>? Audit = null);
