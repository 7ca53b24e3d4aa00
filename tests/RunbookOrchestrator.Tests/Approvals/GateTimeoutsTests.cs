using Microsoft.Extensions.Logging.Abstractions;
using RunbookOrchestrator.Approvals;

namespace RunbookOrchestrator.Tests.Approvals;

/// <summary>Overdue gates are timed out in batches on the real store: each once, with one audit record, never early, never a decided one.</summary>
public sealed class GateTimeoutsTests(GateStoreFixture fixture) : IClassFixture<GateStoreFixture>
{
    private static readonly string[] Approvers = ["group:sre"];

    private AbandonedGates Abandoned() => new(fixture.Store, NullLogger<AbandonedGates>.Instance);

    private GateTimeouts Timeouts() => new(fixture.Store, Abandoned(), TimeProvider.System, NullLogger<GateTimeouts>.Instance);

    private async Task<ApprovalGateData> WaitedOnAsync(DateTimeOffset deadline)
    {
        var gate = await fixture.PendingGateAsync(Approvers, deadline: deadline);
        await fixture.WaitOnAsync(gate);
        return gate;
    }

    private async Task<GateStatus> StatusAsync(ApprovalGateData gate) => (await fixture.Store.FindAsync(gate.Id, default))!.Status;

    [Fact]
    public async Task Many_overdue_gates_asked_for_at_once_are_each_timed_out_once_with_one_audit_record()
    {
        var gates = new List<ApprovalGateData>();
        for (var i = 0; i < 40; i++) gates.Add(await WaitedOnAsync(DateTimeOffset.UtcNow.AddSeconds(-1 - i)));
        var timeouts = Timeouts();

        await Task.WhenAll(gates.SelectMany(g => new[] { timeouts.TimeOutAsync(g.Id, default), timeouts.TimeOutAsync(g.Id, default) }));
        await timeouts.TimeOutAsync(gates[0].Id, default);

        foreach (var gate in gates)
        {
            var stored = (await fixture.Store.FindAsync(gate.Id, default))!;
            Assert.Equal(GateStatus.TimedOut, stored.Status);
            Assert.NotNull(stored.DecidedAt);
            Assert.True(stored.DecidedAt >= stored.Deadline);
            Assert.Equal(1, await fixture.CountAuditAsync(gate, "approval.timed_out"));
        }
    }

    [Fact]
    public async Task A_sweep_times_out_every_overdue_gate_a_step_waits_on_without_being_told_which()
    {
        var overdue = await WaitedOnAsync(DateTimeOffset.UtcNow.AddSeconds(-5));
        var alsoOverdue = await WaitedOnAsync(DateTimeOffset.UtcNow.AddMilliseconds(-1));
        var timeouts = Timeouts();

        await timeouts.TimeOutAsync("no-such-gate", default);

        Assert.Equal(GateStatus.TimedOut, await StatusAsync(overdue));
        Assert.Equal(GateStatus.TimedOut, await StatusAsync(alsoOverdue));
    }

    [Fact]
    public async Task A_gate_no_step_waits_on_is_left_to_its_own_run_which_can_still_time_it_out()
    {
        // As a cancelled run leaves it: pending, overdue, but no execution waits on it any more.
        var orphan = await fixture.PendingGateAsync(Approvers, deadline: DateTimeOffset.UtcNow.AddSeconds(-5));
        var timeouts = Timeouts();

        await timeouts.TimeOutAsync("no-such-gate", default);
        Assert.Equal(GateStatus.Pending, await StatusAsync(orphan));
        Assert.Equal(0, await fixture.CountAuditAsync(orphan, "approval.timed_out"));

        await timeouts.TimeOutAsync(orphan.Id, default);
        Assert.Equal(GateStatus.TimedOut, await StatusAsync(orphan));
        Assert.Equal(1, await fixture.CountAuditAsync(orphan, "approval.timed_out"));
    }

    [Fact]
    public async Task A_gate_not_yet_due_or_already_decided_is_never_timed_out_even_when_asked()
    {
        var notYet = await WaitedOnAsync(DateTimeOffset.UtcNow.AddHours(1));
        var approved = await WaitedOnAsync(DateTimeOffset.UtcNow.AddSeconds(-5));
        await fixture.DecideAsync(approved, new Reviewer("human", "sam", ["sre"]), Decisions.Approve);
        var timeouts = Timeouts();

        await Task.WhenAll(timeouts.TimeOutAsync(notYet.Id, default), timeouts.TimeOutAsync(approved.Id, default));

        Assert.Equal(GateStatus.Pending, await StatusAsync(notYet));
        Assert.Equal(GateStatus.Approved, await StatusAsync(approved));
        Assert.Equal(0, await fixture.CountAuditAsync(notYet, "approval.timed_out"));
        Assert.Equal(0, await fixture.CountAuditAsync(approved, "approval.timed_out"));
    }

    [Fact]
    public async Task A_fired_timer_only_asks_for_a_sweep_and_the_next_waiter_sees_it_done()
    {
        var overdue = await WaitedOnAsync(DateTimeOffset.UtcNow.AddSeconds(-2));
        var timeouts = Timeouts();

        timeouts.RequestSweep();
        await timeouts.TimeOutAsync(overdue.Id, default);

        Assert.Equal(GateStatus.TimedOut, await StatusAsync(overdue));
        Assert.Equal(1, await fixture.CountAuditAsync(overdue, "approval.timed_out"));
    }

    [Fact]
    public async Task A_deadline_just_after_a_sweep_is_followed_without_waiting_for_another_request()
    {
        var soon = await WaitedOnAsync(DateTimeOffset.UtcNow.AddMilliseconds(300));
        var timeouts = Timeouts();

        timeouts.RequestSweep();

        var until = DateTime.UtcNow.AddSeconds(30);
        while (await StatusAsync(soon) == GateStatus.Pending && DateTime.UtcNow < until) await Task.Delay(50);
        var stored = (await fixture.Store.FindAsync(soon.Id, default))!;
        Assert.Equal(GateStatus.TimedOut, stored.Status);
        Assert.True(stored.DecidedAt >= stored.Deadline);
        Assert.Equal(1, await fixture.CountAuditAsync(soon, "approval.timed_out"));
    }

    [Fact]
    public async Task A_pending_gate_its_ended_run_no_longer_waits_on_is_cancelled_once_with_one_audit_record()
    {
        var orphan = await fixture.PendingGateAsync(Approvers, deadline: DateTimeOffset.UtcNow.AddHours(1));

        await Abandoned().CancelForRunAsync(orphan.RunId, default);
        await Abandoned().CancelForRunAsync(orphan.RunId, default);

        Assert.Equal(GateStatus.Cancelled, await StatusAsync(orphan));
        Assert.Equal(1, await fixture.CountAuditAsync(orphan, "approval.cancelled"));
    }

    [Fact]
    public async Task A_gate_a_step_still_waits_on_is_never_cancelled_as_abandoned()
    {
        var gate = await WaitedOnAsync(DateTimeOffset.UtcNow.AddMinutes(-10));

        await Abandoned().CancelForRunAsync(gate.RunId, default);
        await Abandoned().CancelOverdueAsync(DateTimeOffset.UtcNow, default);

        Assert.Equal(GateStatus.Pending, await StatusAsync(gate));
    }

    [Fact]
    public async Task An_abandoned_gate_long_overdue_is_cancelled_by_the_sweep_as_after_a_crash()
    {
        var orphan = await fixture.PendingGateAsync(Approvers, deadline: DateTimeOffset.UtcNow.AddMinutes(-5));

        await Timeouts().TimeOutAsync("no-such-gate", default);

        Assert.Equal(GateStatus.Cancelled, await StatusAsync(orphan));
        Assert.Equal(0, await fixture.CountAuditAsync(orphan, "approval.timed_out"));
    }
}
