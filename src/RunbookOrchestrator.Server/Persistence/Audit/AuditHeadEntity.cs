namespace RunbookOrchestrator.Server.Persistence.Audit;

/// <summary>The single row of <c>audit_head</c> (id 1): sequence and hash of the newest event, updated in the same transaction as each append.</summary>
public sealed class AuditHeadEntity
{
    public const int SingleRowId = 1;

    public int Id { get; set; } = SingleRowId;
    public long Sequence { get; set; }
    public string Hash { get; set; } = "";
}
