using Bogus;
using RunbookOrchestrator.Approvals;

namespace RunbookOrchestrator.Tests.Approvals;

/// <summary>The rules no runbook or policy can switch off, proven against the real store.</summary>
public sealed class DecisionRulesTests(GateStoreFixture fixture) : IClassFixture<GateStoreFixture>
{
    private readonly Faker _faker = new();

    private Reviewer Human(string? name = null, params string[] groups) => new("human", name ?? _faker.Internet.UserName(), groups);

    [Fact]
    public async Task Requester_cannot_approve_own_request()
    {
        var alice = Human(groups: "data-owners");
        var gate = await fixture.PendingGateAsync(["group:data-owners"], requesterKind: "human", requesterName: alice.Name);

        var result = await fixture.DecideAsync(gate, alice, Decisions.Approve);

        Assert.Equal("self-approval", result.Refusal?.Code);
        Assert.Equal(GateStatus.Pending, (await fixture.Store.FindAsync(gate.Id, default))!.Status);
    }

    [Fact]
    public async Task An_agent_cannot_approve_anything()
    {
        var gate = await fixture.PendingGateAsync(["group:data-owners"]);

        var result = await fixture.DecideAsync(gate, new Reviewer("agent", _faker.Internet.UserName(), ["data-owners"]), Decisions.Approve);

        Assert.Equal("agent-cannot-approve", result.Refusal?.Code);
    }

    [Fact]
    public async Task The_owner_of_the_requesting_agent_cannot_approve()
    {
        var owner = Human(groups: "data-owners");
        var gate = await fixture.PendingGateAsync(["group:data-owners"], owner: owner.Name);

        var result = await fixture.DecideAsync(gate, owner, Decisions.Approve);

        Assert.Equal("owner-of-requesting-agent", result.Refusal?.Code);
    }

    [Fact]
    public async Task A_user_who_is_not_listed_cannot_approve()
    {
        var gate = await fixture.PendingGateAsync(["group:data-owners", "carol"]);

        var result = await fixture.DecideAsync(gate, Human(groups: "sre"), Decisions.Approve);

        Assert.Equal("not-an-approver", result.Refusal?.Code);
    }

    [Fact]
    public async Task A_listed_user_by_name_can_approve()
    {
        var carol = Human();
        var gate = await fixture.PendingGateAsync([carol.Name]);

        var result = await fixture.DecideAsync(gate, carol, Decisions.Approve);

        Assert.True(result.Accepted);
        Assert.Equal(GateStatus.Approved, result.Gate!.Status);
    }

    [Fact]
    public async Task Quorum_of_two_needs_two_distinct_people()
    {
        var gate = await fixture.PendingGateAsync(["group:security"], quorum: 2);

        var first = await fixture.DecideAsync(gate, Human(groups: "security"), Decisions.Approve);
        Assert.Equal(GateStatus.Pending, first.Gate!.Status);
        var second = await fixture.DecideAsync(gate, Human(groups: "security"), Decisions.Approve);

        Assert.Equal(GateStatus.Approved, second.Gate!.Status);
        Assert.Equal(2, (await fixture.Store.DecisionsAsync(gate.Id, default)).Count);
    }

    [Fact]
    public async Task The_same_person_approving_twice_counts_once()
    {
        var gate = await fixture.PendingGateAsync(["group:security"], quorum: 2);
        var dave = Human(groups: "security");

        await fixture.DecideAsync(gate, dave, Decisions.Approve);
        var again = await fixture.DecideAsync(gate, dave, Decisions.Approve);

        Assert.Equal("already-decided-by-you", again.Refusal?.Code);
        Assert.Equal(GateStatus.Pending, (await fixture.Store.FindAsync(gate.Id, default))!.Status);
    }

    [Fact]
    public async Task A_person_in_two_approver_groups_counts_once()
    {
        var gate = await fixture.PendingGateAsync(["group:security", "group:data-owners"], quorum: 2);
        var erin = Human(groups: ["security", "data-owners"]);

        var first = await fixture.DecideAsync(gate, erin, Decisions.Approve);
        var second = await fixture.DecideAsync(gate, erin with { Groups = ["data-owners"] }, Decisions.Approve);

        Assert.True(first.Accepted);
        Assert.Equal("already-decided-by-you", second.Refusal?.Code);
        Assert.Equal(GateStatus.Pending, (await fixture.Store.FindAsync(gate.Id, default))!.Status);
    }

    [Fact]
    public async Task Twenty_concurrent_decisions_on_one_gate_yield_exactly_one_outcome()
    {
        var gate = await fixture.PendingGateAsync(["group:oncall"]);
        var reviewers = Enumerable.Range(0, 20).Select(i => Human($"{_faker.Internet.UserName()}-{i}", "oncall")).ToList();

        var results = await Task.WhenAll(reviewers.Select((r, i) =>
            Task.Run(() => fixture.DecideAsync(gate, r, i % 2 == 0 ? Decisions.Approve : Decisions.Reject, "concurrent"))));

        var settled = results.Where(r => r.Accepted && r.Settled).ToList();
        Assert.Single(settled);
        var final = (await fixture.Store.FindAsync(gate.Id, default))!;
        Assert.Equal(settled[0].Gate!.Status, final.Status);
        Assert.Single(await fixture.Store.DecisionsAsync(gate.Id, default));
        Assert.All(results.Where(r => !r.Accepted), r => Assert.Equal("already-decided", r.Refusal!.Code));
    }

    [Fact]
    public async Task One_rejection_ends_the_gate_even_below_quorum()
    {
        var gate = await fixture.PendingGateAsync(["group:security"], quorum: 3);
        await fixture.DecideAsync(gate, Human(groups: "security"), Decisions.Approve);

        var reject = await fixture.DecideAsync(gate, Human(groups: "security"), Decisions.Reject, "not during the freeze");

        Assert.Equal(GateStatus.Rejected, reject.Gate!.Status);
        Assert.Equal("not during the freeze", reject.Gate.DecisionReason);
    }

    [Fact]
    public async Task A_rejection_without_a_reason_is_refused()
    {
        var gate = await fixture.PendingGateAsync(["group:security"]);

        var result = await fixture.DecideAsync(gate, Human(groups: "security"), Decisions.Reject);

        Assert.Equal("reason-required", result.Refusal?.Code);
        Assert.Equal(GateStatus.Pending, (await fixture.Store.FindAsync(gate.Id, default))!.Status);
    }

    [Fact]
    public async Task A_late_decision_on_a_decided_gate_is_refused()
    {
        var gate = await fixture.PendingGateAsync(["group:security"]);
        await fixture.DecideAsync(gate, Human(groups: "security"), Decisions.Approve);

        var late = await fixture.DecideAsync(gate, Human(groups: "security"), Decisions.Reject, "too late");

        Assert.Equal("already-decided", late.Refusal?.Code);
        Assert.Equal(GateStatus.Approved, (await fixture.Store.FindAsync(gate.Id, default))!.Status);
    }

    [Fact]
    public async Task A_decision_on_a_timed_out_gate_is_refused()
    {
        var gate = await fixture.PendingGateAsync(["group:security"]);
        Assert.True(await fixture.Store.TransitionAsync(gate.Id, gate.Version, GateStatus.TimedOut, DateTimeOffset.UtcNow, null, default));

        var late = await fixture.DecideAsync(gate, Human(groups: "security"), Decisions.Approve);

        Assert.Equal("already-decided", late.Refusal?.Code);
    }

    [Fact]
    public async Task Approval_opens_a_window_of_the_gates_length()
    {
        var gate = await fixture.PendingGateAsync(["group:security"], window: TimeSpan.FromMinutes(5));

        var result = await fixture.DecideAsync(gate, Human(groups: "security"), Decisions.Approve);

        Assert.InRange(result.Gate!.ApprovedUntil!.Value - result.Gate.DecidedAt!.Value, TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
    }
}
