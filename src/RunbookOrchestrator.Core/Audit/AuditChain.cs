namespace RunbookOrchestrator.Audit;

/// <summary>Turns records into the next links of the chain. Pure: the caller reads the head and stores the result atomically.</summary>
public static class AuditChain
{
    /// <summary>The events that follow <paramref name="head"/>, numbered from <c>head.Sequence + 1</c>, all stamped <paramref name="at"/>
    /// (truncated to milliseconds, UTC). Throws <see cref="ArgumentException"/> naming the record and field when a record is incomplete.</summary>
    public static IReadOnlyList<AuditEvent> Extend(AuditHead head, IReadOnlyList<AuditRecord> records, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(records);
        var stamp = DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());
        var events = new List<AuditEvent>(records.Count);
        var prev = head;
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i] ?? throw new ArgumentException($"audit record #{i} is null", nameof(records));
            Require(r.Kind, "kind", i);
            Require(r.ActorKind, "actor_kind", i);
            Require(r.ActorName, "actor_name", i);
            var unhashed = new AuditEvent(prev.Sequence + 1, stamp, r.Kind, r.ActorKind, r.ActorName, r.RunId, r.StepId, r.Channel,
                r.ClientAddress, r.Reason, AuditCanonicalJson.Of(r.Data), prev.Hash, "");
            var e = unhashed with { Hash = AuditHash.Compute(prev.Hash, unhashed) };
            events.Add(e);
            prev = new AuditHead(e.Sequence, e.Hash);
        }
        return events;
    }

    private static void Require(string? value, string field, int index)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException($"audit record #{index}: '{field}' is required", "records");
    }
}
