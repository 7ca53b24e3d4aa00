using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using RunbookOrchestrator.Audit;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Runtime.State;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Server.Persistence.Protection;
using RunbookOrchestrator.Server.Persistence.Runtime;

namespace RunbookOrchestrator.Tests.Persistence;

/// <summary>The run store's group writer (prepared statements generated from the model) against a real SQLite file, read back through EF Core.</summary>
public sealed class RunStoreWriterTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rbo-writer-").FullName;
    private readonly DateTimeOffset _now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    private DbContextOptions<OrchestratorDbContext> _options = null!;
    private EfRunStore _store = null!;

    public async Task InitializeAsync()
    {
        var builder = new DbContextOptionsBuilder<OrchestratorDbContext>()
            .UseSqlite(OrchestratorDatabase.SqliteConnectionString(_dir))
            .AddInterceptors(new SqlitePragmas("NORMAL"));
        OrchestratorDbContext.IgnorePendingModelChanges(builder);
        _options = builder.Options;
        await using (var db = new OrchestratorDbContext(_options)) await OrchestratorDatabase.EnsureSchemaAsync(db);
        _store = new EfRunStore(new PooledDbContextFactory<OrchestratorDbContext>(_options), TimeProvider.System, NullLogger<EfRunStore>.Instance);
    }

    [Fact]
    public async Task The_cancel_flag_is_still_read_after_EF_Core_built_the_model_again()
    {
        // A compiled query is bound to one model instance; EF Core can build a context's model again (its model cache is bounded
        // and shared by every server of a process), and the engine reads this flag before every round of every run.
        var (run, first) = NewRun("node-a");
        await _store.CreateRunAsync(run, first, [], CancellationToken.None);
        var rebuilt = new DbContextOptionsBuilder<OrchestratorDbContext>()
            .UseSqlite(OrchestratorDatabase.SqliteConnectionString(_dir))
            .SealRunData(RunbookOrchestrator.Protection.SecretBox.Ephemeral());
        OrchestratorDbContext.IgnorePendingModelChanges(rebuilt);
        var factory = new SwitchingFactory(_options, rebuilt.Options);
        var store = new EfRunStore(factory, TimeProvider.System, NullLogger<EfRunStore>.Instance);

        var before = await store.IsCancelRequestedAsync(run.Id, CancellationToken.None);
        factory.UseSecond = true;
        await store.RequestCancelAsync(run.Id, CancellationToken.None);
        var after = await store.IsCancelRequestedAsync(run.Id, CancellationToken.None);

        Assert.False(before);
        Assert.True(after);
    }

    private sealed class SwitchingFactory(DbContextOptions<OrchestratorDbContext> first, DbContextOptions<OrchestratorDbContext> second)
        : IDbContextFactory<OrchestratorDbContext>
    {
        public bool UseSecond { get; set; }

        public OrchestratorDbContext CreateDbContext() => new(UseSecond ? second : first);
    }

    [Fact]
    public async Task A_created_run_reads_back_through_EF_Core_with_every_column_as_written()
    {
        var (run, first) = NewRun("node-a");
        run.Reason = "why";
        run.CallbackUrl = "https://example.test/cb";

        await _store.CreateRunAsync(run, first, [Audit("run.started", run.Id)], CancellationToken.None);

        await using var db = new OrchestratorDbContext(_options);
        var stored = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == run.Id);
        Assert.Equivalent(run, stored, strict: true);
        Assert.Equivalent(first, await db.StepExecutions.AsNoTracking().SingleAsync(e => e.RunId == run.Id), strict: true);
        Assert.Equal("run.started", (await db.Set<RunbookOrchestrator.Server.Persistence.Audit.AuditEventEntity>().SingleAsync(e => e.RunId == run.Id)).Kind);
    }

    [Fact]
    public async Task A_transition_from_a_node_that_lost_the_lease_writes_nothing_and_reports_it()
    {
        var (run, first) = NewRun("node-a");
        await _store.CreateRunAsync(run, first, [], CancellationToken.None);
        var claimed = await _store.TryClaimAsync(run.Id, "node-b", _now.AddMinutes(1), _now.AddMinutes(2), CancellationToken.None);
        Assert.NotNull(claimed); // node-a's lease had expired, so node-b took it

        run.Status = RunStatus.Succeeded;
        first.Status = StepExecutionStatus.Succeeded;
        var stale = new RunCommit(run, "node-a", [], [first], [], [], [], ReleaseLease: true, [Audit("step.completed", run.Id)]);

        Assert.False(await _store.CommitAsync(stale, CancellationToken.None));
        var (stored, executions) = (await _store.GetRunWithExecutionsAsync(run.Id, CancellationToken.None))!;
        Assert.Equal(RunStatus.Pending, stored.Status);
        Assert.Equal("node-b", stored.LeaseOwner);
        Assert.Equal(StepExecutionStatus.Ready, Assert.Single(executions).Status);
        await using var db = new OrchestratorDbContext(_options);
        Assert.False(await db.Set<RunbookOrchestrator.Server.Persistence.Audit.AuditEventEntity>().AnyAsync(e => e.RunId == run.Id));
    }

    [Fact]
    public async Task A_transition_from_the_lease_holder_is_written_with_its_new_steps_and_audit_chained()
    {
        var (run, first) = NewRun("node-a", leaseUntil: _now.AddMinutes(5));
        await _store.CreateRunAsync(run, first, [Audit("run.started", run.Id)], CancellationToken.None);

        first.Status = StepExecutionStatus.Succeeded;
        first.OutputJson = """{"n":1}""";
        first.CompletedAt = _now;
        var next = new StepExecutionData { Id = Guid.NewGuid().ToString("N"), RunId = run.Id, StepId = "second", Attempt = 1, Sequence = 2, CreatedAt = _now };
        run.ExecutionCount = 2;
        run.Status = RunStatus.Running;
        var commit = new RunCommit(run, "node-a", [next], [first], [], [], [], ReleaseLease: false, [Audit("step.completed", run.Id)]);

        Assert.True(await _store.CommitAsync(commit, CancellationToken.None));
        var (stored, executions) = (await _store.GetRunWithExecutionsAsync(run.Id, CancellationToken.None))!;
        Assert.Equal(RunStatus.Running, stored.Status);
        Assert.Equal(["first", "second"], executions.Select(e => e.StepId));
        Assert.Equal("""{"n":1}""", executions[0].OutputJson);
        await using var db = new OrchestratorDbContext(_options);
        var chain = await db.Set<RunbookOrchestrator.Server.Persistence.Audit.AuditEventEntity>().OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(["run.started", "step.completed"], chain.Select(e => e.Kind));
        Assert.Equal(chain[0].Hash, chain[1].PrevHash);
        var head = await db.Set<RunbookOrchestrator.Server.Persistence.Audit.AuditHeadEntity>().SingleAsync();
        Assert.True(AuditVerifier.Verify(chain.Select(e => e.ToEvent()), new AuditHead(head.Sequence, head.Hash)).Ok);
    }

    [Fact]
    public async Task A_second_create_with_the_same_idempotency_key_returns_the_first_run()
    {
        var (run, first) = NewRun("node-a");
        run.IdempotencyKey = "agent:bot:key-1";
        var (again, againFirst) = NewRun("node-a");
        again.IdempotencyKey = run.IdempotencyKey;

        await _store.CreateRunAsync(run, first, [], CancellationToken.None);
        var stored = await _store.CreateRunAsync(again, againFirst, [], CancellationToken.None);

        Assert.Equal(run.Id, stored.Id);
    }

    [Fact]
    public async Task A_signal_is_kept_and_wakes_an_unfinished_run_but_is_refused_for_a_finished_one()
    {
        var (open, openFirst) = NewRun("node-a");
        open.WakeAt = null;
        var (done, doneFirst) = NewRun("node-a");
        done.Status = RunStatus.Succeeded;
        await _store.CreateRunAsync(open, openFirst, [], CancellationToken.None);
        await _store.CreateRunAsync(done, doneFirst, [], CancellationToken.None);

        Assert.True(await _store.AppendSignalAsync(Signal(open.Id), CancellationToken.None));
        Assert.False(await _store.AppendSignalAsync(Signal(done.Id), CancellationToken.None));

        Assert.Equal(1, await _store.CountPendingSignalsAsync(open.Id, CancellationToken.None));
        Assert.Equal(0, await _store.CountPendingSignalsAsync(done.Id, CancellationToken.None));
        Assert.NotNull((await _store.GetRunAsync(open.Id, CancellationToken.None))!.WakeAt);
    }

    [Fact]
    public async Task A_signal_claims_a_run_nobody_holds_in_its_own_commit_and_reads_it_back()
    {
        var (run, first) = NewRun("node-a");
        run.LeaseOwner = null;
        run.LeaseExpiresAt = null;
        await _store.CreateRunAsync(run, first, [], CancellationToken.None);

        var appended = await _store.AppendSignalAndClaimAsync(Signal(run.Id), new RunLease("node-b", _now.AddSeconds(30)), CancellationToken.None);

        Assert.True(appended.Written);
        var claimed = Assert.IsType<ClaimedRun>(appended.Claimed);
        Assert.Equal("node-b", claimed.Run.LeaseOwner);
        Assert.Equal("go", Assert.Single(claimed.Signals).Name);
        Assert.Equal("node-b", (await _store.GetRunAsync(run.Id, CancellationToken.None))!.LeaseOwner);
    }

    [Fact]
    public async Task A_signal_only_wakes_a_run_another_node_holds()
    {
        var (run, first) = NewRun("node-a", leaseUntil: _now.AddMinutes(1));
        run.WakeAt = null;
        await _store.CreateRunAsync(run, first, [], CancellationToken.None);

        var appended = await _store.AppendSignalAndClaimAsync(Signal(run.Id), new RunLease("node-b", _now.AddSeconds(30)), CancellationToken.None);

        Assert.True(appended.Written);
        Assert.Null(appended.Claimed);
        var stored = (await _store.GetRunAsync(run.Id, CancellationToken.None))!;
        Assert.Equal("node-a", stored.LeaseOwner);
        Assert.NotNull(stored.WakeAt);
        Assert.Equal(1, await _store.CountPendingSignalsAsync(run.Id, CancellationToken.None));
    }

    private RunSignalData Signal(string runId) => new() { RunId = runId, Kind = SignalKinds.Event, Name = "go", PayloadJson = "{}", CreatedAt = _now };

    private (RunData Run, StepExecutionData First) NewRun(string node, DateTimeOffset? leaseUntil = null)
    {
        var id = Guid.NewGuid().ToString("N");
        var run = new RunData
        {
            Id = id, RunbookId = "rb", RunbookVersion = 3, DefinitionHash = new string('a', 64), Status = RunStatus.Pending,
            RequesterKind = "Agent", RequesterName = "bot", RequesterOwner = "alice", InputsJson = "{}", StateJson = RunState.Empty,
            CreatedAt = _now, UpdatedAt = _now, WakeAt = _now, ExecutionCount = 1, LeaseOwner = node, LeaseExpiresAt = leaseUntil ?? _now.AddSeconds(1),
        };
        var first = new StepExecutionData { Id = Guid.NewGuid().ToString("N"), RunId = id, StepId = "first", Attempt = 1, Sequence = 1, CreatedAt = _now };
        return (run, first);
    }

    private static AuditRecord Audit(string kind, string runId) => new(kind, "system", "engine", runId);

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
