namespace RunbookOrchestrator.Server.Persistence.Identity;

/// <summary>Row of <c>sign_in_links</c>: a one-time link that lets a user choose a password (first administrator, reset).</summary>
public sealed class SignInLinkEntity
{
    /// <summary>SHA-256 of the link's secret, hex: the secret itself is only ever printed once.</summary>
    public string TokenHash { get; set; } = "";
    public string UserName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}
