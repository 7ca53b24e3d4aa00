using System.Text.Json.Nodes;
using RunbookOrchestrator.Audit;

namespace RunbookOrchestrator.Tests.Audit;

public class AuditChainTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 9, 30, 15, 123, TimeSpan.Zero);

    [Fact]
    public void Each_event_carries_the_hash_of_the_event_before_it()
    {
        var events = AuditChain.Extend(AuditHead.Genesis, [AuditRecords.Decision(), AuditRecords.StepCompleted(), AuditRecords.Decision()], At);

        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Sequence));
        Assert.Equal(AuditHead.GenesisHash, events[0].PrevHash);
        Assert.Equal(events[0].Hash, events[1].PrevHash);
        Assert.Equal(events[1].Hash, events[2].PrevHash);
    }

    [Fact]
    public void The_first_event_links_to_sixty_four_zeros()
    {
        var first = AuditChain.Extend(AuditHead.Genesis, [AuditRecords.Decision()], At)[0];

        Assert.Equal(new string('0', 64), first.PrevHash);
    }

    [Fact]
    public void An_event_hash_is_the_sha256_of_its_canonical_form()
    {
        var e = AuditChain.Extend(AuditHead.Genesis, [AuditRecords.Decision()], At)[0];

        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(AuditCanonicalForm.Of(e))));
        Assert.Equal(expected, e.Hash);
        Assert.Matches("^[0-9a-f]{64}$", e.Hash);
    }

    [Fact]
    public void Appending_continues_after_the_given_head()
    {
        var first = AuditChain.Extend(AuditHead.Genesis, [AuditRecords.Decision(), AuditRecords.Decision()], At);

        var next = AuditChain.Extend(new AuditHead(first[^1].Sequence, first[^1].Hash), [AuditRecords.StepCompleted()], At)[0];

        Assert.Equal(3, next.Sequence);
        Assert.Equal(first[^1].Hash, next.PrevHash);
    }

    [Fact]
    public void The_canonical_form_writes_every_field_in_a_fixed_order_with_explicit_nulls_and_utc_milliseconds()
    {
        var record = new AuditRecord("run.started", "agent", "ops-bot", RunId: "r1", Data: new JsonObject { ["b"] = 2, ["a"] = "x\"y" });
        var e = AuditChain.Extend(AuditHead.Genesis, [record], new DateTimeOffset(2026, 11, 22, 10, 30, 15, 123, TimeSpan.FromHours(1)).AddTicks(4567))[0];

        Assert.Equal(
            "{\"v\":1,\"sequence\":1,\"at\":\"2026-11-22T09:30:15.123Z\",\"kind\":\"run.started\",\"actor_kind\":\"agent\",\"actor_name\":\"ops-bot\"," +
            "\"run_id\":\"r1\",\"step_id\":null,\"channel\":null,\"client_address\":null,\"reason\":null," +
            "\"data_json\":\"{\\\"a\\\":\\\"x\\\\\\\"y\\\",\\\"b\\\":2}\",\"prev_hash\":\"" + AuditHead.GenesisHash + "\"}",
            AuditCanonicalForm.Of(e));
    }

    [Fact]
    public void Data_with_the_same_content_in_another_key_order_is_stored_identically()
    {
        var one = new JsonObject { ["zeta"] = 1, ["alpha"] = new JsonObject { ["y"] = true, ["x"] = null } };
        var other = new JsonObject { ["alpha"] = new JsonObject { ["x"] = null, ["y"] = true }, ["zeta"] = 1 };

        Assert.Equal("{\"alpha\":{\"x\":null,\"y\":true},\"zeta\":1}", AuditCanonicalJson.Of(one));
        Assert.Equal(AuditCanonicalJson.Of(one), AuditCanonicalJson.Of(other));
    }

    [Fact]
    public void Changing_any_single_field_changes_the_hash()
    {
        var e = AuditChain.Extend(AuditHead.Genesis, [AuditRecords.Decision()], At)[0];
        AuditEvent[] variants =
        [
            e with { Sequence = 2 }, e with { At = e.At.AddMilliseconds(1) }, e with { Kind = "approval.requested" }, e with { ActorKind = "agent" },
            e with { ActorName = e.ActorName + "x" }, e with { RunId = null }, e with { StepId = "other" }, e with { Channel = null },
            e with { ClientAddress = "10.0.0.1" }, e with { Reason = e.Reason + "." }, e with { DataJson = "{}" },
        ];

        foreach (var v in variants)
            Assert.NotEqual(e.Hash, AuditHash.Compute(v.PrevHash, v));
        Assert.NotEqual(e.Hash, AuditHash.Compute(new string('1', 64), e));
    }

    [Fact]
    public void A_record_without_an_actor_name_is_refused_naming_the_record_and_field()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            AuditChain.Extend(AuditHead.Genesis, [AuditRecords.Decision(), new AuditRecord("run.started", "agent", " ")], At));

        Assert.Contains("#1", error.Message);
        Assert.Contains("actor_name", error.Message);
    }
}
