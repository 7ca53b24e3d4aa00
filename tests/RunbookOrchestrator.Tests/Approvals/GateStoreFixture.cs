using System.Text.Json;
using System.Text.Json.Nodes;
using Bogus;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Runtime.State;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Server.Persistence.Approvals;
using RunbookOrchestrator.Server.Persistence.Audit;
using RunbookOrchestrator.Server.Persistence.Runtime;

namespace RunbookOrchestrator.Tests.Approvals;

/// <summary>A real SQLite database with the orchestrator's migrations and the EF approval store over it.</summary>
public sealed class GateStoreFixture : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rbo-gates-").FullName;
    private ServiceProvider? _services;
    private EfRunStore? _runs;
    private readonly Faker _faker = new();

    internal IApprovalStore Store { get; private set; } = null!;
    public IDbContextFactory<OrchestratorDbContext> Contexts { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _services = new ServiceCollection()
            .AddDbContextFactory<OrchestratorDbContext>(o => o.UseSqlite(OrchestratorDatabase.SqliteConnectionString(_dir)))
            .BuildServiceProvider();
        Contexts = _services.GetRequiredService<IDbContextFactory<OrchestratorDbContext>>();
        await using (var db = await Contexts.CreateDbContextAsync()) await OrchestratorDatabase.EnsureSchemaAsync(db);
        _runs = new EfRunStore(Contexts, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<EfRunStore>.Instance);
        Store = new EfApprovalStore(Contexts, new AuditAppender(), TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new RunbookOrchestrator.Runtime.RuntimeOptions()),
            new RunbookOrchestrator.Server.Channels.DeliveryWorkerSignal(), _runs);
    }

    /// <summary>A pending gate asked by <paramref name="requester"/> (kind, name, owner) of <paramref name="approvers"/>.</summary>
    public async Task<ApprovalGateData> PendingGateAsync(string[] approvers, int quorum = 1, string requesterKind = "agent", string? requesterName = null,
        string? owner = null, TimeSpan? window = null, DateTimeOffset? deadline = null)
    {
        var spec = new GateSpec(approvers, quorum, TimeSpan.FromHours(1), [], "timed_out", null, ReasonRequirement.OnReject, window ?? TimeSpan.FromMinutes(15), true);
        var gate = new ApprovalGateData
        {
            Id = Guid.NewGuid().ToString("N"),
            RunId = Guid.NewGuid().ToString("N"),
            StepId = "export",
            ExecutionId = Guid.NewGuid().ToString("N"),
            Source = "policy",
            RuleId = "data-exports",
            ActionHash = new string('a', 64),
            Status = GateStatus.Pending,
            SpecJson = JsonSerializer.Serialize(spec, new JsonSerializerOptions(JsonSerializerDefaults.Web)),
            ApproversJson = JsonSerializer.Serialize(approvers),
            Quorum = quorum,
            RequesterKind = requesterKind,
            RequesterName = requesterName ?? _faker.Internet.UserName(),
            RequesterOwner = owner,
            Reason = _faker.Lorem.Sentence(),
            ContextText = "export customers",
            ActionJson = new JsonObject { ["activity"] = "sql.query" }.ToJsonString(),
            CreatedAt = DateTimeOffset.UtcNow,
            Deadline = deadline,
        };
        var (stored, created) = await Store.CreateOrGetAsync(gate, null, [], CancellationToken.None);
        Assert.True(created);
        return stored;
    }

    /// <summary>Stores the run and the step execution that wait on <paramref name="gate"/>, as the engine leaves them when it parks on a gate.</summary>
    public async Task WaitOnAsync(ApprovalGateData gate)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        db.Add(new RunData
        {
            Id = gate.RunId, RunbookId = "export", DefinitionHash = "h", Status = RunStatus.Waiting, RequesterKind = "Agent",
            RequesterName = gate.RequesterName, InputsJson = "{}", StateJson = "{}", CreatedAt = gate.CreatedAt, UpdatedAt = gate.CreatedAt,
        });
        db.Add(new StepExecutionData
        {
            Id = gate.ExecutionId, RunId = gate.RunId, StepId = gate.StepId, Attempt = 1, Status = StepExecutionStatus.Waiting, Sequence = 1,
            WaitEvent = GateKeeper.BookmarkPrefix + gate.Id, WaitUntil = gate.Deadline, CreatedAt = gate.CreatedAt,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>How many audit events of <paramref name="kind"/> name <paramref name="gate"/>.</summary>
    public async Task<int> CountAuditAsync(ApprovalGateData gate, string kind)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.Set<AuditEventEntity>().CountAsync(e => e.Kind == kind && e.DataJson!.Contains(gate.Id));
    }

    public Task<DecisionResult> DecideAsync(ApprovalGateData gate, Reviewer reviewer, string decision, string? reason = null) =>
        Store.DecideAsync(gate.Id, reviewer, decision, reason, "api", "127.0.0.1", DateTimeOffset.UtcNow, CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_runs != null) await _runs.DisposeAsync();
        if (_services != null) await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
