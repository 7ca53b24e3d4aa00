using Microsoft.Data.Sqlite;
using RunbookOrchestrator.Approvals;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Runtime.State;

namespace RunbookOrchestrator.Server.Persistence.Runtime;

/// <summary>The engine's store on EF Core. Transitions and new runs go through one writer that commits many of them per
/// transaction (group commit): each caller still waits for its own commit, but the database sees far fewer transactions.
/// That writer uses prepared statements generated from the model (<see cref="RunWriter"/>); everything else is EF Core.</summary>
internal sealed class EfRunStore : IRunStore, IAsyncDisposable
{
    private const int MaxBatch = 256;
    private readonly IDbContextFactory<OrchestratorDbContext> _contexts;
    private readonly TimeProvider _clock;
    private readonly ILogger<EfRunStore> _logger;
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private RunWriter? _rows;

    public EfRunStore(IDbContextFactory<OrchestratorDbContext> contexts, TimeProvider clock, ILogger<EfRunStore> logger)
    {
        _contexts = contexts;
        _clock = clock;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    public async Task SaveDefinitionAsync(RunbookVersionData version, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        if (await db.RunbookVersions.AnyAsync(v => v.Hash == version.Hash, cancellationToken)) return;
        db.RunbookVersions.Add(version);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node or request may have published the same content at the same moment: same hash, same row.
            if (!await ExistsAsync(version.Hash, cancellationToken)) throw;
        }
    }

    private async Task<bool> ExistsAsync(string hash, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.RunbookVersions.AnyAsync(v => v.Hash == hash, cancellationToken);
    }

    public async Task<RunbookVersionData?> FindDefinitionAsync(string hash, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.RunbookVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Hash == hash, cancellationToken);
    }

    public async Task<RunData> CreateRunAsync(RunData run, StepExecutionData firstStep, IReadOnlyList<RunbookOrchestrator.Audit.AuditRecord> audit, CancellationToken cancellationToken)
    {
        var write = new PendingWrite.Create(run, firstStep, audit);
        await _writes.Writer.WriteAsync(write, cancellationToken);
        if (await write.Completion.Task) return run;
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().FirstAsync(r => r.IdempotencyKey == run.IdempotencyKey, cancellationToken);
    }

    public async Task<bool> CommitAsync(RunCommit commit, CancellationToken cancellationToken)
    {
        var write = new PendingWrite.Transition(commit);
        await _writes.Writer.WriteAsync(write, cancellationToken);
        return await write.Completion.Task;
    }

    public async Task<ClaimedRun?> TryClaimAsync(string runId, string node, DateTimeOffset leaseUntil, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        if (await ClaimAsync(db, runId, node, leaseUntil, now, cancellationToken) == 0) return null;
        return await ReadClaimedAsync(db, runId, cancellationToken);
    }

    /// <summary>What the engine needs of a run whose lease the caller has just taken on <paramref name="db"/> (in its transaction,
    /// if it has one): the run, its open step executions and its signals.</summary>
    internal static async Task<ClaimedRun?> ReadClaimedAsync(OrchestratorDbContext db, string runId, CancellationToken cancellationToken)
    {
        var run = await RunById.RunAsync(db, runId, cancellationToken);
        if (run is null) return null;
        var open = await OpenExecutions.RunAsync(db, runId, cancellationToken);
        var signals = await SignalsOf.RunAsync(db, runId, cancellationToken);
        return new ClaimedRun(run, open, signals);
    }

    // Every resume claims its run: the lease as one plain statement (EF Core's ExecuteUpdate translated its expression
    // tree on every call) and the reads as compiled queries.
    private static async Task<int> ClaimAsync(OrchestratorDbContext db, string runId, string node, DateTimeOffset leaseUntil, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var runs = MappedTable.Of<RunData>(db.Model);
        string Col(string property) => runs.Column(property).Name;
        object Stored(string property, object value) => runs.Column(property).Stored(value);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText =
                $"UPDATE \"{runs.Name}\" SET \"{Col(nameof(RunData.LeaseOwner))}\" = @node, \"{Col(nameof(RunData.LeaseExpiresAt))}\" = @until " +
                $"WHERE \"{Col(nameof(RunData.Id))}\" = @id AND \"{Col(nameof(RunData.Status))}\" NOT IN (@succeeded, @failed, @cancelled) " +
                $"AND (\"{Col(nameof(RunData.LeaseOwner))}\" IS NULL OR \"{Col(nameof(RunData.LeaseOwner))}\" = @node OR \"{Col(nameof(RunData.LeaseExpiresAt))}\" < @now)";
            void Add(string name, object value)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }
            Add("@node", node);
            Add("@until", Stored(nameof(RunData.LeaseExpiresAt), leaseUntil));
            Add("@id", runId);
            Add("@now", Stored(nameof(RunData.LeaseExpiresAt), now));
            Add("@succeeded", Stored(nameof(RunData.Status), RunStatus.Succeeded));
            Add("@failed", Stored(nameof(RunData.Status), RunStatus.Failed));
            Add("@cancelled", Stored(nameof(RunData.Status), RunStatus.Cancelled));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static readonly ModelBoundQuery<string, RunData?> RunById = new(() =>
        EF.CompileAsyncQuery((OrchestratorDbContext db, string runId, CancellationToken _) => db.Runs.AsNoTracking().FirstOrDefault(r => r.Id == runId))!);

    private static readonly ModelBoundQuery<string, List<StepExecutionData>> OpenExecutions = new(() =>
    {
        var query = EF.CompileAsyncQuery<OrchestratorDbContext, string, StepExecutionData>((db, runId) => db.StepExecutions.AsNoTracking()
            .Where(e => e.RunId == runId && (e.Status == StepExecutionStatus.Ready || e.Status == StepExecutionStatus.Waiting)));
        return async (db, runId, ct) => await query(db, runId).ToListAsync(ct);
    });

    private static readonly ModelBoundQuery<string, List<RunSignalData>> SignalsOf = new(() =>
    {
        var query = EF.CompileAsyncQuery<OrchestratorDbContext, string, RunSignalData>((db, runId) => db.RunSignals.AsNoTracking().Where(s => s.RunId == runId).OrderBy(s => s.Id));
        return async (db, runId, ct) => await query(db, runId).ToListAsync(ct);
    });

    public async Task<bool> RenewLeaseAsync(string runId, string node, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.Where(r => r.Id == runId && r.LeaseOwner == node)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseExpiresAt, leaseUntil), cancellationToken) > 0;
    }

    public async Task<int> ReleaseLeasesAsync(string node, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.Where(r => r.LeaseOwner == node)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, (string?)null).SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
    }

    public async Task<IReadOnlyList<string>> FindDueRunsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking()
            .Where(r => r.WakeAt != null && r.WakeAt <= now && (r.LeaseOwner == null || r.LeaseExpiresAt < now))
            .OrderBy(r => r.WakeAt)
            .Select(r => r.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RunTimer>> ListPendingTimersAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var executions = await db.StepExecutions.AsNoTracking()
            .Where(e => (e.Status == StepExecutionStatus.Waiting && e.WaitUntil != null && e.WaitUntil > now)
                || (e.Status == StepExecutionStatus.Ready && e.DueAt != null && e.DueAt > now))
            .ToListAsync(cancellationToken);
        return [.. executions.Select(e => RunTimer.For(e, e.Status == StepExecutionStatus.Ready ? e.DueAt!.Value : e.WaitUntil!.Value))];
    }

    public async Task<bool> AppendSignalAsync(RunSignalData signal, CancellationToken cancellationToken)
    {
        // Through the group writer rather than a transaction of its own, which would queue for SQLite's write lock beside it.
        var write = new PendingWrite.Signal(signal);
        await _writes.Writer.WriteAsync(write, cancellationToken);
        return await write.Completion.Task;
    }

    public async Task<SignalAppended> AppendSignalAndClaimAsync(RunSignalData signal, RunLease lease, CancellationToken cancellationToken)
    {
        var write = new PendingWrite.Signal(signal, lease);
        await _writes.Writer.WriteAsync(write, cancellationToken);
        if (!await write.Completion.Task) return new SignalAppended(false, null);
        if (!write.Claimed) return new SignalAppended(true, null);
        // Read after the commit, as a claim reads: the lease keeps every other worker off the run meanwhile.
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return new SignalAppended(true, await ReadClaimedAsync(db, signal.RunId, cancellationToken));
    }

    /// <summary>Opens a gate in the group commit, beside the runs' own writes: one transaction for many concurrent gates, with
    /// statements prepared once. Null when a gate with its id exists (nothing was written); else how many messages wait to be sent.</summary>
    internal async Task<int?> OpenGateAsync(ApprovalGateData gate, IReadOnlyCollection<string> approverEntries, RunbookOrchestrator.Audit.AuditRecord? requested,
        IReadOnlyList<ReviewMessage> messages, CancellationToken cancellationToken)
    {
        var write = new PendingWrite.Gate(gate, approverEntries, requested, messages);
        await _writes.Writer.WriteAsync(write, cancellationToken);
        return await write.Completion.Task ? write.Queued : null;
    }

    /// <summary>Commits a decision in the group commit: false when the gate's version moved on meanwhile (nothing was written;
    /// the caller reads again). The run, when the decision claimed it, is read back after the commit.</summary>
    internal async Task<(bool Written, ClaimedRun? Claimed)> DecideAsync(ApprovalGateData gate, int expectedVersion, ApprovalDecisionData vote,
        RunSignalData? signal, RunLease lease, RunbookOrchestrator.Audit.AuditRecord record, CancellationToken cancellationToken)
    {
        var write = new PendingWrite.Decision(gate, expectedVersion, vote, signal, lease, record);
        await _writes.Writer.WriteAsync(write, cancellationToken);
        if (!await write.Completion.Task) return (false, null);
        if (!write.Claimed) return (true, null);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return (true, await ReadClaimedAsync(db, gate.RunId, cancellationToken));
    }

    public async Task<bool> RequestCancelAsync(string runId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var now = _clock.GetUtcNow();
        return await db.Runs
            .Where(r => r.Id == runId && r.Status != RunStatus.Succeeded && r.Status != RunStatus.Failed && r.Status != RunStatus.Cancelled)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CancelRequested, true).SetProperty(r => r.WakeAt, now), cancellationToken) > 0;
    }

    public async Task<RunData?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
    }

    // Compiled: this runs before every step round, and reading the whole row (state, inputs) through the LINQ pipeline for
    // one flag cost about a tenth of the engine's CPU per run.
    private static readonly ModelBoundQuery<string, bool> CancelRequested = new(() =>
        EF.CompileAsyncQuery((OrchestratorDbContext db, string runId, CancellationToken _) =>
            db.Runs.Where(r => r.Id == runId).Select(r => r.CancelRequested).FirstOrDefault()));

    public async Task<bool> IsCancelRequestedAsync(string runId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await CancelRequested.RunAsync(db, runId, cancellationToken);
    }

    public async Task<RunWithExecutions?> GetRunWithExecutionsAsync(string runId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        await using var snapshot = await BeginReadSnapshotAsync(db, cancellationToken);
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null) return null;
        var executions = await db.StepExecutions.AsNoTracking().Where(e => e.RunId == runId).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        return new RunWithExecutions(run, executions);
    }

    /// <summary>A transaction that only reads, enlisted in <paramref name="db"/>; disposing it ends it. On SQLite a deferred
    /// <c>BEGIN</c>, which pins one WAL snapshot at the first read and never takes the write lock (the default,
    /// <c>BEGIN IMMEDIATE</c>, would queue behind the group writer).</summary>
    private static async Task<System.Data.Common.DbTransaction> BeginReadSnapshotAsync(OrchestratorDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var snapshot = connection is Microsoft.Data.Sqlite.SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await db.Database.UseTransactionAsync(snapshot, cancellationToken);
        return snapshot;
    }

    public async Task<int> CountPendingSignalsAsync(string runId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.RunSignals.CountAsync(s => s.RunId == runId, cancellationToken);
    }

    private static readonly ModelBoundQuery<string, RunSignalTarget?> SignalTargetOf = new(() =>
        EF.CompileAsyncQuery((OrchestratorDbContext db, string runId, CancellationToken _) => db.Runs.Where(r => r.Id == runId)
            .Select(r => new RunSignalTarget(r.Status, r.RequesterKind, r.RequesterName, db.RunSignals.Count(s => s.RunId == r.Id))).FirstOrDefault()));

    public async Task<RunSignalTarget?> GetSignalTargetAsync(string runId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await SignalTargetOf.RunAsync(db, runId, cancellationToken);
    }

    public async Task<IReadOnlyList<RunData>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var q = db.Runs.AsNoTracking().AsQueryable();
        if (query.RunbookId is { } runbook) q = q.Where(r => r.RunbookId == runbook);
        if (query.Status is { } status) q = q.Where(r => r.Status == status);
        if (query.Requester is { } requester)
        {
            var kind = requester.Kind.ToString();
            // Also the runs named in OrRunIds (those waiting on a gate the caller may decide).
            var also = query.OrRunIds ?? [];
            q = also.Count == 0
                ? q.Where(r => r.RequesterKind == kind && r.RequesterName == requester.Name)
                : q.Where(r => (r.RequesterKind == kind && r.RequesterName == requester.Name) || also.Contains(r.Id));
        }
        if (query.CreatedAfter is { } after) q = q.Where(r => r.CreatedAt >= after);
        if (query.CreatedBefore is { } before) q = q.Where(r => r.CreatedAt < before);
        if (query.UpdatedAfter is { } changed) q = q.Where(r => r.UpdatedAt > changed);
        // Run ids are version-7 GUIDs: ordering by id is ordering by creation, and the cursor is the last id seen.
        if (query.Cursor is { } cursor) q = q.Where(r => string.Compare(r.Id, cursor) < 0);
        return await q.OrderByDescending(r => r.Id).Take(query.Limit).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<OutboxMessageData>> FindDueOutboxAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Outbox.AsNoTracking().Where(m => m.DeliveredAt == null && m.FailedAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.Id).Take(limit).ToListAsync(cancellationToken);
    }

    public async Task<OutboxMessageData?> FindCallbackAsync(string runId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Outbox.AsNoTracking().Where(m => m.RunId == runId && m.Kind == "callback").OrderBy(m => m.Id).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task UpdateOutboxAsync(OutboxMessageData message, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        db.Outbox.Update(message);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _writes.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _writes.Reader.TryRead(out var write)) batch.Add(write);
            if (batch.Count == 0) continue;
            try
            {
                await ApplyAsync(batch);
                foreach (var w in batch) w.Completion.TrySetResult(w.Written);
            }
            catch (Exception ex) when (batch.Count > 1)
            {
                // One bad write (a lost lease, a duplicate idempotency key) must not fail its neighbours: apply them one by one.
                _logger.LogDebug(ex, "Group commit of {Count} writes failed; applying them one by one", batch.Count);
                foreach (var w in batch) await ApplyAloneAsync(w);
            }
            catch (Exception ex)
            {
                await CompleteFailedAsync(batch[0], ex);
            }
        }
    }

    private async Task ApplyAloneAsync(PendingWrite write)
    {
        try
        {
            await ApplyAsync([write]);
            write.Completion.TrySetResult(write.Written);
        }
        catch (Exception ex)
        {
            await CompleteFailedAsync(write, ex);
        }
    }

    private async Task CompleteFailedAsync(PendingWrite write, Exception ex)
    {
        switch (write)
        {
            case PendingWrite.Transition when ex is LeaseLostException:
                write.Completion.TrySetResult(false);
                break;
            case PendingWrite.Gate when ex is SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_CONSTRAINT }:
                // The same step execution raced itself after a restart: the gate is there already.
                write.Completion.TrySetResult(false);
                break;
            case PendingWrite.Create create when ex is System.Data.Common.DbException && create.Run.IdempotencyKey != null && await IdempotencyKeyTakenAsync(create.Run.IdempotencyKey):
                write.Completion.TrySetResult(false);
                break;
            default:
                write.Completion.TrySetException(ex);
                break;
        }
    }

    private async Task<bool> IdempotencyKeyTakenAsync(string key)
    {
        await using var db = await _contexts.CreateDbContextAsync();
        return await db.Runs.AnyAsync(r => r.IdempotencyKey == key);
    }

    private Task ApplyAsync(IReadOnlyList<PendingWrite> batch)
    {
        // Made on the first batch, not at construction: the schema is migrated (and WAL switched on) during start-up.
        _rows ??= new RunWriter(_contexts.CreateDbContext());
        _rows.Apply(batch, _clock.GetUtcNow());
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await _writer;
        // Registered as itself and as IRunStore: the container may dispose it twice.
        Interlocked.Exchange(ref _rows, null)?.Dispose();
    }

    /// <summary>A write waiting for the group commit, with the caller's completion (false: lease lost, idempotency key taken, run finished).</summary>
    internal abstract record PendingWrite
    {
        public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Whether the write took effect once its batch committed (a signal for a finished run does not).</summary>
        public bool Written { get; set; } = true;

        public sealed record Create(RunData Run, StepExecutionData FirstStep, IReadOnlyList<RunbookOrchestrator.Audit.AuditRecord> Audit) : PendingWrite;
        public sealed record Transition(RunCommit Commit) : PendingWrite;
        /// <summary>A gate opening: its row, approver entries, <c>approval.requested</c> event and review messages.</summary>
        public sealed record Gate(ApprovalGateData Data, IReadOnlyCollection<string> ApproverEntries, RunbookOrchestrator.Audit.AuditRecord? Requested,
            IReadOnlyList<ReviewMessage> Messages) : PendingWrite
        {
            /// <summary>How many of the messages wait to be sent.</summary>
            public int Queued { get; set; }
        }

        /// <summary>A decision: the gate as it becomes (<paramref name="Decided"/>, written only while its version is still
        /// <paramref name="ExpectedVersion"/>), the vote, and when the vote settles the gate, the run's signal (<paramref name="Wake"/>)
        /// and its lease when nobody holds it.</summary>
        public sealed record Decision(ApprovalGateData Decided, int ExpectedVersion, ApprovalDecisionData Vote, RunSignalData? Wake, RunLease Lease,
            RunbookOrchestrator.Audit.AuditRecord Record) : PendingWrite
        {
            public bool Claimed { get; set; }
        }

        /// <param name="Lease">When given, the run is claimed with it if nobody holds it (<see cref="Claimed"/>).</param>
        public sealed record Signal(RunSignalData Data, RunLease? Lease = null) : PendingWrite
        {
            public bool Claimed { get; set; }
        }
    }
}
