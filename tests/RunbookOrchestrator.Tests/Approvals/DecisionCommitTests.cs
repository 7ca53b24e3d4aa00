using Bogus;
using Microsoft.EntityFrameworkCore;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Runtime.State;

namespace RunbookOrchestrator.Tests.Approvals;

/// <summary>An accepted decision commits its audit record and, when it settles the gate, the waiting run's signal with it.</summary>
public sealed class DecisionCommitTests(GateStoreFixture fixture) : IClassFixture<GateStoreFixture>
{
    private readonly Faker _faker = new();

    private Reviewer Human() => new("human", _faker.Internet.UserName(), ["sre"]);

    private async Task<List<RunSignalData>> SignalsAsync(ApprovalGateData gate)
    {
        await using var db = await fixture.Contexts.CreateDbContextAsync();
        return await db.Set<RunSignalData>().AsNoTracking().Where(s => s.RunId == gate.RunId).ToListAsync();
    }

    private async Task<RunData> RunAsync(ApprovalGateData gate)
    {
        await using var db = await fixture.Contexts.CreateDbContextAsync();
        return await db.Runs.AsNoTracking().SingleAsync(r => r.Id == gate.RunId);
    }

    [Fact]
    public async Task A_settling_decision_is_audited_and_signals_the_waiting_run_in_the_same_commit()
    {
        var gate = await fixture.PendingGateAsync(["group:sre"]);
        await fixture.WaitOnAsync(gate);

        var result = await fixture.DecideAsync(gate, Human(), Decisions.Approve);

        Assert.True(result.Settled);
        Assert.Equal(1, await fixture.CountAuditAsync(gate, "approval.decided"));
        var signal = Assert.Single(await SignalsAsync(gate));
        Assert.Equal(GateKeeper.BookmarkPrefix + gate.Id, signal.Name);
        Assert.Contains("approved", signal.PayloadJson);
    }

    [Fact]
    public async Task A_settling_decision_claims_a_run_nobody_holds_and_hands_it_over_as_committed()
    {
        var gate = await fixture.PendingGateAsync(["group:sre"]);
        await fixture.WaitOnAsync(gate);

        var result = await fixture.DecideAsync(gate, Human(), Decisions.Approve);

        var claimed = Assert.IsType<RunbookOrchestrator.Runtime.ClaimedRun>(result.Claimed);
        var stored = await RunAsync(gate);
        Assert.Equal(new RunbookOrchestrator.Runtime.RuntimeOptions().NodeId, stored.LeaseOwner);
        Assert.Equal(stored.LeaseExpiresAt, claimed.Run.LeaseExpiresAt);
        Assert.Equal(GateKeeper.BookmarkPrefix + gate.Id, Assert.Single(claimed.Signals).Name);
        Assert.Equal(gate.ExecutionId, Assert.Single(claimed.OpenExecutions).Id);
    }

    [Fact]
    public async Task A_settling_decision_only_wakes_a_run_another_worker_holds()
    {
        var gate = await fixture.PendingGateAsync(["group:sre"]);
        await fixture.WaitOnAsync(gate);
        var holder = "node-" + _faker.Random.AlphaNumeric(6);
        var until = DateTimeOffset.UtcNow.AddMinutes(1);
        await using (var db = await fixture.Contexts.CreateDbContextAsync())
            await db.Runs.Where(r => r.Id == gate.RunId)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.LeaseOwner, holder).SetProperty(r => r.LeaseExpiresAt, until));

        var result = await fixture.DecideAsync(gate, Human(), Decisions.Approve);

        Assert.True(result.Settled);
        Assert.Null(result.Claimed);
        var stored = await RunAsync(gate);
        Assert.Equal(holder, stored.LeaseOwner);
        Assert.NotNull(stored.WakeAt);
        Assert.Single(await SignalsAsync(gate));
    }

    [Fact]
    public async Task A_vote_below_quorum_is_audited_but_does_not_signal_the_run()
    {
        var gate = await fixture.PendingGateAsync(["group:sre"], quorum: 2);
        await fixture.WaitOnAsync(gate);

        var result = await fixture.DecideAsync(gate, Human(), Decisions.Approve);

        Assert.False(result.Settled);
        Assert.Equal(1, await fixture.CountAuditAsync(gate, "approval.decided"));
        Assert.Empty(await SignalsAsync(gate));
    }

    [Fact]
    public async Task A_refused_decision_leaves_no_decided_record_and_no_signal()
    {
        var gate = await fixture.PendingGateAsync(["group:data-owners"]);
        await fixture.WaitOnAsync(gate);

        var result = await fixture.DecideAsync(gate, Human(), Decisions.Approve);

        Assert.Equal("not-an-approver", result.Refusal?.Code);
        Assert.Equal(0, await fixture.CountAuditAsync(gate, "approval.decided"));
        Assert.Empty(await SignalsAsync(gate));
    }

    [Fact]
    public async Task A_gate_opens_with_its_requested_record_once_however_often_its_step_asks()
    {
        var gate = await fixture.PendingGateAsync(["group:sre"]);
        var again = new ApprovalGateData
        {
            Id = Guid.NewGuid().ToString("N"), RunId = gate.RunId, StepId = gate.StepId, ExecutionId = gate.ExecutionId, Source = gate.Source,
            RuleId = gate.RuleId, ActionHash = gate.ActionHash, Status = GateStatus.Pending, SpecJson = gate.SpecJson, ApproversJson = gate.ApproversJson,
            Quorum = 1, RequesterKind = "agent", RequesterName = gate.RequesterName, ContextText = "export", ActionJson = gate.ActionJson,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var requested = new RunbookOrchestrator.Audit.AuditRecord("approval.requested", "agent", again.RequesterName, again.RunId, again.StepId,
            Data: new System.Text.Json.Nodes.JsonObject { ["gate_id"] = again.Id });

        var (_, created) = await fixture.Store.CreateOrGetAsync(again, requested, [], default);
        var (_, createdTwice) = await fixture.Store.CreateOrGetAsync(again, requested, [], default);

        Assert.True(created);
        Assert.False(createdTwice);
        Assert.Equal(1, await fixture.CountAuditAsync(again, "approval.requested"));
    }
}
