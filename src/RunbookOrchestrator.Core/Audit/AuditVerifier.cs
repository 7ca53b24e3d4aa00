namespace RunbookOrchestrator.Audit;

/// <summary>Walks events in sequence order and stops at the first broken link. Pure and incremental, so a large trail can be
/// streamed through <see cref="Check"/> and closed with <see cref="Finish"/>. An optional anchor (a head recorded earlier outside
/// the database) catches a chain rewritten consistently up to and including the head.</summary>
public sealed class AuditVerifier(AuditHead? anchor = null)
{
    private long _count;
    private long _lastSequence;
    private string _lastHash = AuditHead.GenesisHash;

    /// <summary>The first break found, if any; after one, further events are ignored.</summary>
    public AuditBreak? Break { get; private set; }

    /// <summary>Checks the next event; returns the break when this event is where the chain fails.</summary>
    public AuditBreak? Check(AuditEvent e)
    {
        if (Break is not null) return Break;
        var expected = _lastSequence + 1;
        if (e.Sequence <= _lastSequence)
            return Fail(e.Sequence, $"sequence {e.Sequence} is duplicated or out of order after {_lastSequence} (a record was inserted or the records were reordered)");
        if (e.Sequence > expected)
            return Fail(expected, expected == e.Sequence - 1
                ? $"record {expected} is missing: the sequence jumps from {_lastSequence} to {e.Sequence} (a record was deleted)"
                : $"records {expected} to {e.Sequence - 1} are missing: the sequence jumps from {_lastSequence} to {e.Sequence} (records were deleted)");
        if (!string.Equals(e.PrevHash, _lastHash, StringComparison.Ordinal))
            return Fail(e.Sequence, _lastSequence == 0
                ? "previous hash is not the genesis value of 64 zeros (the record was replaced or moved here)"
                : $"previous hash does not match record {_lastSequence} (the record before it was removed, replaced or the records were reordered)");
        if (!string.Equals(AuditHash.Compute(e.PrevHash, e), e.Hash, StringComparison.Ordinal))
            return Fail(e.Sequence, "hash does not match the record's content (the record was changed)");
        if (anchor is not null && e.Sequence == anchor.Sequence && !string.Equals(e.Hash, anchor.Hash, StringComparison.Ordinal))
            return Fail(e.Sequence, $"record {e.Sequence}'s hash differs from the anchor recorded outside the database (the chain was rewritten up to here)");
        _count++;
        _lastSequence = e.Sequence;
        _lastHash = e.Hash;
        return null;
    }

    /// <summary>Compares the end of the chain with the stored head (null when the head row is missing) and gives the verdict.</summary>
    public AuditVerification Finish(AuditHead? head)
    {
        if (Break is null && anchor is not null && anchor.Sequence > _lastSequence)
            Fail(_lastSequence + 1, $"the anchor recorded outside the database names record {anchor.Sequence}, but the chain ends at {_lastSequence} (records were deleted)");
        if (Break is null)
        {
            if (head is null)
                Fail(_lastSequence + 1, $"the head record is missing (the chain ends at {_lastSequence}); the trail cannot be shown to be complete");
            else if (head.Sequence > _lastSequence)
                Fail(_lastSequence + 1, head.Sequence == _lastSequence + 1
                    ? $"record {head.Sequence} is missing: the chain ends at {_lastSequence} but the head says {head.Sequence} (the last record was deleted)"
                    : $"records {_lastSequence + 1} to {head.Sequence} are missing: the chain ends at {_lastSequence} but the head says {head.Sequence} (the trail was truncated)");
            else if (head.Sequence < _lastSequence)
                Fail(head.Sequence + 1, $"record {head.Sequence + 1} is not covered by the head, which says {head.Sequence} (records were inserted after the last append)");
            else if (!string.Equals(head.Hash, _lastHash, StringComparison.Ordinal))
                Fail(head.Sequence, $"record {head.Sequence}'s hash differs from the head's (the last record was replaced)");
        }
        return Break is { } b ? AuditVerification.Broken(_count, _lastHash, b) : AuditVerification.Intact(_count, _lastHash);
    }

    /// <summary>Verifies a whole trail held in memory.</summary>
    public static AuditVerification Verify(IEnumerable<AuditEvent> events, AuditHead? head, AuditHead? anchor = null)
    {
        var verifier = new AuditVerifier(anchor);
        foreach (var e in events)
            if (verifier.Check(e) is not null) break;
        return verifier.Finish(head);
    }

    private AuditBreak Fail(long sequence, string problem) => Break = new AuditBreak(sequence, problem);
}
