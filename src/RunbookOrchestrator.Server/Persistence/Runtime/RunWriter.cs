using RunbookOrchestrator.Approvals;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Runtime.State;
using RunbookOrchestrator.Server.Persistence.Audit;

namespace RunbookOrchestrator.Server.Persistence.Runtime;

/// <summary>The SQL side of the run store's group commit: one long-lived connection with a prepared statement, generated from
/// the EF Core model, for every kind of row a new run or a transition writes. Under EF Core's change tracking and command
/// building the single writer spent several times longer per row than SQLite itself, and every run waits on it.</summary>
internal sealed class RunWriter : IDisposable
{
    // Set from outside while the run is held (a cancel); the owner only reads it.
    private static readonly string[] RunColumnsTheOwnerLeaves = [nameof(RunData.CancelRequested)];
    private static readonly string[] NothingExcepted = [];

    private readonly OrchestratorDbContext _db;
    private readonly DbConnection _connection;
    private readonly MappedTable _runs;
    private readonly MappedTable _steps;
    private readonly MappedTable _signals;
    private readonly MappedTable _outbox;
    private readonly PreparedStatement _insertRun;
    private readonly PreparedStatement _updateRun;
    private readonly PreparedStatement _insertStep;
    private readonly PreparedStatement _updateStep;
    private readonly PreparedStatement _insertSignal;
    private readonly PreparedStatement _deleteSignal;
    private readonly PreparedStatement _insertOutbox;
    private readonly PreparedStatement _wake;
    private readonly PreparedStatement _wakeIfPending;
    private readonly PreparedStatement _wakeUnfinished;
    private readonly PreparedStatement _claimUnheld;
    // Gates are opened here too; prepared on the first one.
    private PreparedStatement? _insertGate;
    private PreparedStatement? _insertApprover;
    private PreparedStatement? _insertDelivery;
    private PreparedStatement? _updateGate;
    private PreparedStatement? _insertVote;
    private readonly AuditRows _audit;
    private readonly object[] _finished;

    /// <summary>Takes <paramref name="db"/> for good: its connection stays open for the writer's life.</summary>
    public RunWriter(OrchestratorDbContext db)
    {
        _db = db;
        db.Database.OpenConnection();
        _connection = db.Database.GetDbConnection();
        if (_connection is Microsoft.Data.Sqlite.SqliteConnection)
        {
            // Checkpoints run in the background (WalCheckpointService), not inside a group commit that runs are waiting on.
            using var noCheckpoints = _connection.CreateCommand();
            noCheckpoints.CommandText = "PRAGMA wal_autocheckpoint=0;";
            noCheckpoints.ExecuteNonQuery();
        }
        var model = db.Model;
        _runs = MappedTable.Of<RunData>(model);
        _steps = MappedTable.Of<StepExecutionData>(model);
        _signals = MappedTable.Of<RunSignalData>(model);
        _outbox = MappedTable.Of<OutboxMessageData>(model);
        _insertRun = _runs.PrepareInsert(_connection);
        // The lease owner is the concurrency token: a node that lost the lease writes nothing.
        _updateRun = _runs.PrepareUpdate(_connection, RunColumnsTheOwnerLeaves, guard: nameof(RunData.LeaseOwner));
        _insertStep = _steps.PrepareInsert(_connection);
        _updateStep = _steps.PrepareUpdate(_connection, NothingExcepted);
        _insertSignal = _signals.PrepareInsert(_connection);
        _insertOutbox = _outbox.PrepareInsert(_connection);
        _deleteSignal = new PreparedStatement(_connection, $"DELETE FROM \"{_signals.Name}\" WHERE \"{Col(_signals, nameof(RunSignalData.Id))}\" = @id", ["@id"]);

        string Run(string property) => Col(_runs, property);
        var status = Run(nameof(RunData.Status));
        _wake = new PreparedStatement(_connection,
            $"UPDATE \"{_runs.Name}\" SET \"{Run(nameof(RunData.WakeAt))}\" = @now WHERE \"{Run(nameof(RunData.Id))}\" = @id", ["@now", "@id"]);
        _wakeUnfinished = new PreparedStatement(_connection,
            $"UPDATE \"{_runs.Name}\" SET \"{Run(nameof(RunData.WakeAt))}\" = @now WHERE \"{Run(nameof(RunData.Id))}\" = @id " +
            $"AND \"{status}\" NOT IN (@succeeded, @failed, @cancelled)", ["@now", "@id", "@succeeded", "@failed", "@cancelled"]);
        _claimUnheld = new PreparedStatement(_connection,
            $"UPDATE \"{_runs.Name}\" SET \"{Run(nameof(RunData.WakeAt))}\" = @now, \"{Run(nameof(RunData.LeaseOwner))}\" = @node, " +
            $"\"{Run(nameof(RunData.LeaseExpiresAt))}\" = @until WHERE \"{Run(nameof(RunData.Id))}\" = @id AND \"{status}\" NOT IN (@succeeded, @failed, @cancelled) " +
            $"AND (\"{Run(nameof(RunData.LeaseOwner))}\" IS NULL OR \"{Run(nameof(RunData.LeaseExpiresAt))}\" < @now)",
            ["@now", "@node", "@until", "@id", "@succeeded", "@failed", "@cancelled"]);
        // A signal that arrived while the run was held was not seen by its owner; make sure the run is looked at again.
        _wakeIfPending = new PreparedStatement(_connection,
            $"UPDATE \"{_runs.Name}\" SET \"{Run(nameof(RunData.WakeAt))}\" = @now WHERE \"{Run(nameof(RunData.Id))}\" = @id " +
            $"AND \"{status}\" NOT IN (@succeeded, @failed, @cancelled) " +
            $"AND (\"{Run(nameof(RunData.CancelRequested))}\" = @true OR EXISTS (SELECT 1 FROM \"{_signals.Name}\" s " +
            $"WHERE s.\"{Col(_signals, nameof(RunSignalData.RunId))}\" = \"{_runs.Name}\".\"{Run(nameof(RunData.Id))}\" " +
            $"AND s.\"{Col(_signals, nameof(RunSignalData.Id))}\" > \"{_runs.Name}\".\"{Run(nameof(RunData.LastSignalId))}\"))",
            ["@now", "@id", "@succeeded", "@failed", "@cancelled", "@true"]);
        var statusColumn = _runs.Column(nameof(RunData.Status));
        _finished = [statusColumn.Stored(RunStatus.Succeeded), statusColumn.Stored(RunStatus.Failed), statusColumn.Stored(RunStatus.Cancelled)];
        _audit = new AuditRows(_connection, model);
    }

    /// <summary>Writes the whole batch in one transaction, or nothing. Throws <see cref="LeaseLostException"/> for a transition whose
    /// node lost the lease, and the database's exception for anything else (a duplicate idempotency key, say).</summary>
    public void Apply(IReadOnlyList<EfRunStore.PendingWrite> batch, DateTimeOffset now)
    {
        if (_connection.State != System.Data.ConnectionState.Open) _connection.Open();
        // BEGIN IMMEDIATE on SQLite: the write lock is taken up front, so a batch never fails half-way for want of it.
        using var transaction = _connection.BeginTransaction();
        var released = new List<string>();
        var wakeOthers = new HashSet<string>();
        var audit = new List<RunbookOrchestrator.Audit.AuditRecord>();
        foreach (var write in batch)
        {
            switch (write)
            {
                case EfRunStore.PendingWrite.Create create:
                    _insertRun.Execute(transaction, _runs.InsertValues(create.Run));
                    _insertStep.Execute(transaction, _steps.InsertValues(create.FirstStep));
                    audit.AddRange(create.Audit);
                    break;
                case EfRunStore.PendingWrite.Gate gate:
                    _insertGate ??= MappedTable.Of<ApprovalGateData>(_db.Model).PrepareInsert(_connection);
                    _insertGate.Execute(transaction, MappedTable.Of<ApprovalGateData>(_db.Model).InsertValues(gate.Data));
                    var approvers = MappedTable.Of<Approvals.GateApproverEntity>(_db.Model);
                    _insertApprover ??= approvers.PrepareInsert(_connection);
                    foreach (var entry in gate.ApproverEntries)
                        _insertApprover.Execute(transaction, approvers.InsertValues(new Approvals.GateApproverEntity { GateId = gate.Data.Id, Entry = entry }));
                    _insertDelivery ??= Channels.DeliveryRows.Prepare(_connection);
                    gate.Queued = Channels.DeliveryRows.Queue(_insertDelivery, transaction, gate.Data, gate.Messages, now);
                    if (gate.Requested is { } requested) audit.Add(requested);
                    break;
                case EfRunStore.PendingWrite.Decision decision:
                    var gates = MappedTable.Of<ApprovalGateData>(_db.Model);
                    _updateGate ??= gates.PrepareUpdate(_connection, NothingExcepted, guard: nameof(ApprovalGateData.Version));
                    // Compared and set on the gate's version: a decision that lost a race writes nothing and is read again.
                    decision.Written = _updateGate.Execute(transaction, gates.UpdateValues(decision.Decided, NothingExcepted,
                        gates.Column(nameof(ApprovalGateData.Version)).Stored(decision.ExpectedVersion), guarded: true)) == 1;
                    if (!decision.Written) break;
                    var votes = MappedTable.Of<ApprovalDecisionData>(_db.Model);
                    _insertVote ??= votes.PrepareInsert(_connection);
                    _insertVote.Execute(transaction, votes.InsertValues(decision.Vote));
                    if (decision.Wake is { } wake)
                    {
                        var wokenAt = _runs.Column(nameof(RunData.WakeAt)).Stored(now);
                        decision.Claimed = _claimUnheld.Execute(transaction,
                            [wokenAt, decision.Lease.Node, _runs.Column(nameof(RunData.LeaseExpiresAt)).Stored(decision.Lease.Until), wake.RunId, _finished[0], _finished[1], _finished[2]]) > 0;
                        if (decision.Claimed || _wakeUnfinished.Execute(transaction, [wokenAt, wake.RunId, _finished[0], _finished[1], _finished[2]]) > 0)
                            _insertSignal.Execute(transaction, _signals.InsertValues(wake));
                    }
                    audit.Add(decision.Record);
                    break;
                case EfRunStore.PendingWrite.Signal signal:
                    // Woken only while unfinished; a signal for a finished run is not kept. A run nobody holds is also
                    // claimed for the sender's node when it asks (one commit instead of the claim's own).
                    var wakeAt = _runs.Column(nameof(RunData.WakeAt)).Stored(now);
                    signal.Claimed = signal.Lease is { } lease && _claimUnheld.Execute(transaction,
                        [wakeAt, lease.Node, _runs.Column(nameof(RunData.LeaseExpiresAt)).Stored(lease.Until), signal.Data.RunId, _finished[0], _finished[1], _finished[2]]) > 0;
                    signal.Written = signal.Claimed || _wakeUnfinished.Execute(transaction, [wakeAt, signal.Data.RunId, _finished[0], _finished[1], _finished[2]]) > 0;
                    if (signal.Written) _insertSignal.Execute(transaction, _signals.InsertValues(signal.Data));
                    break;
                case EfRunStore.PendingWrite.Transition { Commit: var c }:
                    if (_updateRun.Execute(transaction, _runs.UpdateValues(c.Run, RunColumnsTheOwnerLeaves, c.Node, guarded: true)) == 0)
                        throw new LeaseLostException(c.Run.Id);
                    foreach (var e in c.Added) _insertStep.Execute(transaction, _steps.InsertValues(e));
                    foreach (var e in c.Modified) _updateStep.Execute(transaction, _steps.UpdateValues(e, NothingExcepted));
                    foreach (var id in c.ConsumedSignals) _deleteSignal.Execute(transaction, [id]);
                    foreach (var s in c.SignalsToOtherRuns)
                    {
                        _insertSignal.Execute(transaction, _signals.InsertValues(s));
                        wakeOthers.Add(s.RunId);
                    }
                    foreach (var m in c.Outbox) _insertOutbox.Execute(transaction, _outbox.InsertValues(m));
                    if (c.ReleaseLease) released.Add(c.Run.Id);
                    if (c.Audit is { Count: > 0 }) audit.AddRange(c.Audit);
                    break;
            }
        }
        // In the same transaction: an audit record exists exactly when the transition it describes does.
        _audit.Append(transaction, audit, now);
        var at = _runs.Column(nameof(RunData.WakeAt)).Stored(now);
        foreach (var id in wakeOthers) _wake.Execute(transaction, [at, id]);
        foreach (var id in released) _wakeIfPending.Execute(transaction, [at, id, _finished[0], _finished[1], _finished[2], true]);
        transaction.Commit();
    }

    private static string Col(MappedTable table, string property) => table.Column(property).Name;

    public void Dispose()
    {
        foreach (var statement in new[] { _insertRun, _updateRun, _insertStep, _updateStep, _insertSignal, _deleteSignal, _insertOutbox, _wake, _wakeIfPending, _wakeUnfinished, _claimUnheld })
            statement.Dispose();
        _insertGate?.Dispose();
        _insertApprover?.Dispose();
        _insertDelivery?.Dispose();
        _updateGate?.Dispose();
        _insertVote?.Dispose();
        _audit.Dispose();
        _db.Dispose();
    }
}
