using Microsoft.Data.Sqlite;
using RunbookOrchestrator.Identity.Humans;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Audit;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Runtime.State;
using RunbookOrchestrator.Server.Persistence.Audit;

namespace RunbookOrchestrator.Server.Persistence.Approvals;

/// <summary>Gates and decisions on EF Core. A gate opens, and a decision commits, in the run store's group commit; a decision
/// checks the rules against the gate as read and writes only if the gate's version is unchanged, so racing decisions settle it
/// once (the loser reads again). A decision through a review link is one transaction of its own (<see cref="DecisionRows"/>).</summary>
internal sealed class EfApprovalStore(IDbContextFactory<OrchestratorDbContext> contexts, AuditAppender audit, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<RuntimeOptions> runtime, Server.Channels.DeliveryWorkerSignal deliveries, Runtime.EfRunStore runs) : IApprovalStore
{
    public async Task<(ApprovalGateData Gate, bool Created)> CreateOrGetAsync(ApprovalGateData gate, AuditRecord? requested, IReadOnlyList<ReviewMessage> messages,
        CancellationToken cancellationToken)
    {
        // No look first: the primary key settles it (a step re-executed after a crash finds its gate here, not before).
        // Opened in the run store's group commit, beside the runs' own writes.
        switch (await runs.OpenGateAsync(gate, ApproverEntries(gate), requested, messages, cancellationToken))
        {
            case { } queued:
                if (queued > 0) deliveries.Wake();
                return (gate, true);
            default:
                await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
                    return (await GateById.RunAsync(db, gate.Id, cancellationToken) ?? throw new InvalidOperationException($"gate {gate.Id} exists but cannot be read"), false);
        }
    }

    // Compiled: a gate is read by id when it opens, when its run resumes and for every decision's answer.
    private static readonly ModelBoundQuery<string, ApprovalGateData?> GateById = new(() =>
        EF.CompileAsyncQuery((OrchestratorDbContext db, string gateId, CancellationToken _) => db.Set<ApprovalGateData>().AsNoTracking().FirstOrDefault(g => g.Id == gateId))!);

    private static readonly ModelBoundQuery<string, List<ApprovalDecisionData>> VotesOf = new(() =>
    {
        var query = EF.CompileAsyncQuery<OrchestratorDbContext, string, ApprovalDecisionData>((db, gateId) =>
            db.Set<ApprovalDecisionData>().AsNoTracking().Where(d => d.GateId == gateId).OrderBy(d => d.Id));
        return async (db, gateId, ct) => await query(db, gateId).ToListAsync(ct);
    });

    public async Task<ApprovalGateData?> FindAsync(string gateId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await GateById.RunAsync(db, gateId, cancellationToken);
    }

    public async Task<IReadOnlyList<ApprovalDecisionData>> DecisionsAsync(string gateId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await VotesOf.RunAsync(db, gateId, cancellationToken);
    }

    public async Task<ApprovalPage> QueryAsync(ApprovalQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var q = VisibleTo(db, query.Viewer);
        if (query.Status is { } status) q = q.Where(g => g.Status == status);
        if (query.RequesterName is { } requester) q = q.Where(g => g.RequesterName == requester);
        if (query.CreatedAfter is { } after) q = q.Where(g => g.CreatedAt >= after);
        if (query.CreatedBefore is { } before) q = q.Where(g => g.CreatedAt < before);
        if (query.RunbookId is { } runbook) q = q.Where(g => db.Runs.Any(r => r.Id == g.RunId && r.RunbookId == runbook));
        var total = await q.CountAsync(cancellationToken);
        if (query.Cursor is { } cursor)
            q = q.Where(g => g.CreatedAt < cursor.CreatedAt || (g.CreatedAt == cursor.CreatedAt && string.Compare(g.Id, cursor.Id) < 0));
        var rows = await q.OrderByDescending(g => g.CreatedAt).ThenByDescending(g => g.Id).Take(query.Limit + 1).ToListAsync(cancellationToken);
        var more = rows.Count > query.Limit;
        if (more) rows.RemoveAt(rows.Count - 1);
        return new ApprovalPage(rows, more ? new ApprovalCursor(rows[^1].CreatedAt, rows[^1].Id) : null, total);
    }

    /// <summary>The canonical entries of a gate's approver list, as stored in <c>approval_gate_approvers</c>.</summary>
    private static HashSet<string> ApproverEntries(ApprovalGateData gate) =>
        DecisionRules.Approvers(gate).Select(Canonical).ToHashSet(StringComparer.Ordinal);

    private static string Canonical(string entry) =>
        entry.StartsWith(HumanNames.GroupPrefix, StringComparison.Ordinal)
            ? HumanNames.GroupPrefix + HumanNames.Normalize(entry[HumanNames.GroupPrefix.Length..])
            : HumanNames.Normalize(entry);

    private static void SyncApprovers(OrchestratorDbContext db, ApprovalGateData gate, IReadOnlySet<string> before)
    {
        var after = ApproverEntries(gate);
        foreach (var added in after.Except(before)) db.Add(new GateApproverEntity { GateId = gate.Id, Entry = added });
        foreach (var removed in before.Except(after)) db.Remove(new GateApproverEntity { GateId = gate.Id, Entry = removed });
    }

    /// <summary>Visibility as SQL: the gates whose approver entries name the viewer or one of their groups (by index), and the
    /// gates the viewer asked for (kind and name, by index); nobody else's gates are read.</summary>
    private static IQueryable<ApprovalGateData> VisibleTo(OrchestratorDbContext db, Reviewer viewer)
    {
        var kind = viewer.IsHuman ? "human" : viewer.Kind;
        var name = HumanNames.Normalize(viewer.Name);
        var parameters = new List<object> { new SqliteParameter("$kind", kind), new SqliteParameter("$name", name) };
        var listed = "";
        if (viewer.IsHuman)
        {
            var entries = viewer.Groups.Select(g => HumanNames.GroupPrefix + HumanNames.Normalize(g)).Append(name).Distinct().ToList();
            parameters.AddRange(entries.Select((e, i) => new SqliteParameter($"$entry{i}", e)));
            listed = $"SELECT gate_id AS id FROM approval_gate_approvers WHERE entry IN ({string.Join(", ", entries.Select((_, i) => $"$entry{i}"))}) UNION ";
        }
        // CROSS JOIN fixes the order: first the viewer's (few) gate ids by index, then those gates by key. Left to itself,
        // SQLite walked every pending gate by the status index and probed the id set, so the list slowed with others' gates.
        return db.Set<ApprovalGateData>().FromSqlRaw(
            $"SELECT g.* FROM ({listed}SELECT id FROM approval_gates WHERE requester_kind = $kind AND requester_name = $name) AS v CROSS JOIN approval_gates AS g ON g.id = v.id",
            parameters.ToArray()).AsNoTracking();
    }



    public async Task<DecisionResult> DecideAsync(string gateId, Reviewer reviewer, string decision, string? reason, string channel, string? clientAddress,
        DateTimeOffset now, CancellationToken cancellationToken, string? reviewLinkId = null, string? channelUserId = null)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            // A decision is checked on a read and committed in the run store's group commit, the gate compared and set on its
            // version (every vote moves it), so one that raced another writes nothing and is read again. A decision through
            // a review link also spends the link: that one keeps a transaction of its own (BEGIN IMMEDIATE, the write lock
            // first, so the rules are checked against the gate as it will be written).
            await using var tx = reviewLinkId is null ? null : await db.Database.BeginTransactionAsync(cancellationToken);
            var gate = await GateById.RunAsync(db, gateId, cancellationToken);
            if (gate is null) return new DecisionResult(null, new DecisionRefusal("not-found", $"Approval {gateId} does not exist."), false, 0);
            if (DecisionRules.WhyNot(gate, reviewer) is { } refusal) return new DecisionResult(gate, refusal, false, 0);
            var spec = GateKeeper.Spec(gate);
            if (DecisionRules.ReasonMissing(spec, decision, reason)) return new DecisionResult(gate, DecisionRefusal.ReasonRequired, false, 0);
            // The gate's votes in one read (a gate has a handful): who voted, how many approved, and who approved.
            var votes = await VotesOf.RunAsync(db, gateId, cancellationToken);
            if (votes.Any(v => v.Approver == reviewer.Name))
                return new DecisionResult(gate, DecisionRefusal.AlreadyVoted, false, 0);
            if (reviewLinkId is not null && await db.Set<Channels.ReviewLinkEntity>()
                    .Where(l => l.Id == reviewLinkId && l.GateId == gateId && l.UsedAt == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(l => l.UsedAt, now), cancellationToken) != 1)
                return new DecisionResult(gate, new DecisionRefusal("link-used", "This link has been used already; each link decides once."), false, 0);

            var vote = new ApprovalDecisionData
            {
                GateId = gateId, Approver = reviewer.Name, Decision = decision, Reason = reason, Channel = channel, ClientAddress = clientAddress, At = now,
            };
            var approvals = 1 + votes.Count(v => v.Decision == Decisions.Approve);
            var settled = false;
            if (decision == Decisions.Reject)
            {
                gate.Status = GateStatus.Rejected;
                settled = true;
            }
            else if (approvals >= gate.Quorum)
            {
                gate.Status = GateStatus.Approved;
                gate.ApprovedUntil = now + spec.Window;
                settled = true;
            }
            if (settled)
            {
                gate.DecidedAt = now;
                // Reveals serve a pending decision only; the raw values need not outlive it.
                gate.RevealVault = null;
                var approvers = votes.Where(v => v.Decision == Decisions.Approve).Select(v => v.Approver);
                gate.DecidedBy = decision == Decisions.Reject ? reviewer.Name : string.Join(", ", approvers.Append(reviewer.Name));
                gate.DecisionReason = reason;
            }
            var expectedVersion = gate.Version++;
            var counted = decision == Decisions.Approve ? approvals : approvals - 1;
            var record = DecisionRecord.Of(gate, reviewer, decision, reason, channel, clientAddress, counted, reviewLinkId, channelUserId);
            var lease = new RunLease(runtime.Value.NodeId, now + runtime.Value.LeaseDuration);
            try
            {
                ClaimedRun? run = null;
                var written = false;
                if (tx is null)
                    (written, run) = await runs.DecideAsync(gate, expectedVersion, vote, settled ? DecisionRows.SignalFor(gate, now) : null, lease, record, cancellationToken);
                else if (DecisionRows.Write(db, tx.GetDbTransaction(), gate, expectedVersion, vote, settled, record, now, lease, out var claimed))
                {
                    // Read in the same transaction, so what the run's next round starts from is exactly what this commits.
                    run = claimed ? await Runtime.EfRunStore.ReadClaimedAsync(db, gate.RunId, cancellationToken) : null;
                    await tx.CommitAsync(cancellationToken);
                    written = true;
                }
                if (written)
                {
                    // As a later read returns it: instants are stored to the millisecond.
                    vote.At = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
                    votes.Add(vote);
                    return new DecisionResult(gate, null, settled, counted, votes, run);
                }
            }
            catch (SqliteException e) when (e.SqliteErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT)
            {
                // The same person's vote raced this one: the next read refuses it.
            }
            // Someone else changed the gate or voted as the same person meanwhile: read it again and re-apply the rules.
            if (tx is not null) await tx.RollbackAsync(cancellationToken);
        }
        return new DecisionResult(null, new DecisionRefusal("busy", "The gate is being decided by others right now; try again."), false, 0);
    }

    public Task<bool> TransitionAsync(string gateId, int expectedVersion, GateStatus to, DateTimeOffset now, Action<ApprovalGateData>? change, CancellationToken cancellationToken) =>
        ChangeAsync(gateId, expectedVersion, g =>
        {
            if (g.Status is not (GateStatus.Pending or GateStatus.Approved)) return false;
            g.Status = to;
            g.DecidedAt ??= now;
            g.RevealVault = null;
            change?.Invoke(g);
            return true;
        }, cancellationToken);

    public Task<bool> UpdatePendingAsync(string gateId, int expectedVersion, Action<ApprovalGateData> change, CancellationToken cancellationToken) =>
        ChangeAsync(gateId, expectedVersion, g =>
        {
            if (g.Status != GateStatus.Pending) return false;
            change(g);
            return true;
        }, cancellationToken);

    private async Task<bool> ChangeAsync(string gateId, int expectedVersion, Func<ApprovalGateData, bool> change, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var gate = await db.Set<ApprovalGateData>().FirstOrDefaultAsync(g => g.Id == gateId, cancellationToken);
        if (gate is null) return false;
        var before = ApproverEntries(gate);
        if (gate.Version != expectedVersion || !change(gate)) return false;
        // An escalation adds approvers: the index table follows in the same SaveChanges.
        SyncApprovers(db, gate, before);
        gate.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    public Task<IReadOnlyList<ApprovalGateData>> TimeOutOverdueAsync(IReadOnlyCollection<string> gateIds, int limit,
        Func<ApprovalGateData, AuditRecord> record, CancellationToken cancellationToken) =>
        SettleBatchAsync(GateStatus.TimedOut, record, async (db, now) =>
        {
            var executions = db.Set<StepExecutionData>();
            // Only a gate a step still waits on: a cancelled run's gate, or one a re-executed step left behind, has no bookmark to time out.
            var due = await db.Set<ApprovalGateData>()
                .Where(g => g.Status == GateStatus.Pending && g.Deadline != null && g.Deadline <= now)
                .Where(g => executions.Any(e => e.Id == g.ExecutionId && e.Status == StepExecutionStatus.Waiting && e.WaitEvent == GateKeeper.BookmarkPrefix + g.Id))
                .OrderBy(g => g.Deadline)
                .Take(limit)
                .ToListAsync(cancellationToken);
            var found = due.Select(g => g.Id).ToHashSet();
            var asked = gateIds.Where(id => !found.Contains(id)).ToList();
            if (asked.Count > 0)
                due.AddRange(await db.Set<ApprovalGateData>()
                    .Where(g => asked.Contains(g.Id) && g.Status == GateStatus.Pending && g.Deadline != null && g.Deadline <= now)
                    .ToListAsync(cancellationToken));
            return due;
        }, cancellationToken);

    public Task<IReadOnlyList<ApprovalGateData>> CancelAbandonedAsync(string? runId, DateTimeOffset? overdueAt, int limit,
        Func<ApprovalGateData, AuditRecord> record, CancellationToken cancellationToken) =>
        SettleBatchAsync(GateStatus.Cancelled, record, (db, _) =>
        {
            var executions = db.Set<StepExecutionData>();
            var pending = db.Set<ApprovalGateData>().Where(g => g.Status == GateStatus.Pending);
            if (runId is not null) pending = pending.Where(g => g.RunId == runId);
            else if (overdueAt is { } at) pending = pending.Where(g => g.Deadline != null && g.Deadline <= at);
            return pending
                .Where(g => !executions.Any(e => e.Id == g.ExecutionId && e.Status == StepExecutionStatus.Waiting && e.WaitEvent == GateKeeper.BookmarkPrefix + g.Id))
                .OrderBy(g => g.CreatedAt)
                .Take(limit)
                .ToListAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>Moves the pending gates that <paramref name="select"/> reads to <paramref name="to"/>, with one audit record each, in one
    /// transaction; read again from the start when another writer settled one of them meanwhile.</summary>
    private async Task<IReadOnlyList<ApprovalGateData>> SettleBatchAsync(GateStatus to, Func<ApprovalGateData, AuditRecord> record,
        Func<OrchestratorDbContext, DateTimeOffset, Task<List<ApprovalGateData>>> select, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            // Read after BEGIN, which on SQLite (BEGIN IMMEDIATE) has taken the write lock: what counts as due, decided_at and the audit time
            // are then the moment the batch commits at, not the moment it was asked for, however long it queued behind other writers.
            var now = clock.GetUtcNow();
            var gates = await select(db, now);
            if (gates.Count == 0) return [];

            foreach (var gate in gates)
            {
                gate.Status = to;
                gate.DecidedAt ??= now;
                // Reveals serve a pending decision only; the raw values need not outlive it.
                gate.RevealVault = null;
                gate.Version++;
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await audit.AppendAsync(db, gates.Select(record).ToList(), now, cancellationToken);
                await tx.CommitAsync(cancellationToken);
                return gates;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // Another node (PostgreSQL) decided, timed out or cancelled one of these meanwhile: the whole batch rolls back, so read again.
                await tx.RollbackAsync(cancellationToken);
            }
        }
    }

    public async Task<DateTimeOffset?> NextDeadlineAsync(DateTimeOffset after, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ApprovalGateData>().AsNoTracking()
            .Where(g => g.Status == GateStatus.Pending && g.Deadline != null && g.Deadline > after)
            .OrderBy(g => g.Deadline)
            .Select(g => g.Deadline)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
