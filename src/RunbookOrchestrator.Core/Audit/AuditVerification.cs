namespace RunbookOrchestrator.Audit;

/// <summary>Outcome of verifying the trail: ok with the number of events and the last hash, or the first break.</summary>
public sealed record AuditVerification(bool Ok, long Events, string LastHash, AuditBreak? Break)
{
    public static AuditVerification Intact(long events, string lastHash) => new(true, events, lastHash, null);

    public static AuditVerification Broken(long eventsChecked, string lastGoodHash, AuditBreak at) => new(false, eventsChecked, lastGoodHash, at);
}
