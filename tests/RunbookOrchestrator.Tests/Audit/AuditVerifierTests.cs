using RunbookOrchestrator.Audit;

namespace RunbookOrchestrator.Tests.Audit;

/// <summary>The verifier on chains held in memory; the same cases on a real database are in <see cref="AuditTamperingTests"/>.</summary>
public class AuditVerifierTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<AuditEvent> Chain(int count) =>
        AuditChain.Extend(AuditHead.Genesis, Enumerable.Range(0, count).Select(AuditRecords.Any).ToList(), At);

    private static AuditHead HeadOf(IReadOnlyList<AuditEvent> events) => new(events[^1].Sequence, events[^1].Hash);

    [Fact]
    public void An_intact_chain_verifies_with_its_count_and_last_hash()
    {
        var events = Chain(5);

        var result = AuditVerifier.Verify(events, HeadOf(events));

        Assert.True(result.Ok);
        Assert.Equal(5, result.Events);
        Assert.Equal(events[^1].Hash, result.LastHash);
    }

    [Fact]
    public void An_empty_trail_with_the_genesis_head_verifies()
    {
        var result = AuditVerifier.Verify([], AuditHead.Genesis);

        Assert.True(result.Ok);
        Assert.Equal(0, result.Events);
    }

    [Fact]
    public void Events_out_of_order_are_reported_as_duplicated_or_out_of_order()
    {
        var events = Chain(4);

        var result = AuditVerifier.Verify([events[0], events[1], events[1], events[2], events[3]], HeadOf(events));

        Assert.False(result.Ok);
        Assert.Equal(2, result.Break!.Sequence);
        Assert.Contains("out of order", result.Break.Problem);
    }

    [Fact]
    public void A_missing_first_event_is_reported_as_sequence_one()
    {
        var events = Chain(3);

        var result = AuditVerifier.Verify(events.Skip(1), HeadOf(events));

        Assert.Equal(1, result.Break!.Sequence);
        Assert.Contains("missing", result.Break.Problem);
    }

    [Fact]
    public void A_missing_head_is_reported_as_a_break()
    {
        var result = AuditVerifier.Verify(Chain(2), head: null);

        Assert.False(result.Ok);
        Assert.Contains("head record is missing", result.Break!.Problem);
    }
}
