namespace RunbookOrchestrator.Server.Persistence.Identity;

/// <summary>Row of <c>user_tokens</c>: one personal token, stored as the SHA-256 of the whole token.</summary>
/// <remarks>No foreign key to <c>users</c>: a user declared only in configuration may hold tokens too.</remarks>
public sealed class UserTokenEntity
{
    public string Id { get; set; } = "";
    public string UserName { get; set; } = "";
    public string Label { get; set; } = "";
    public byte[] TokenHash { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
