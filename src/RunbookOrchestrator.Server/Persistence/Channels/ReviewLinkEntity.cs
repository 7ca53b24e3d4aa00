namespace RunbookOrchestrator.Server.Persistence.Channels;

/// <summary>Row of <c>review_links</c>: one reviewer's link to one gate. The link's secret is not stored, only what its
/// signature covers; it is used up by the decision made through it, in the decision's transaction.</summary>
public sealed class ReviewLinkEntity
{
    public string Id { get; set; } = "";
    public string GateId { get; set; } = "";
    public string Reviewer { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}
