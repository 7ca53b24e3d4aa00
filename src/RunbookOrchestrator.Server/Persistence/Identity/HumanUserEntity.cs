namespace RunbookOrchestrator.Server.Persistence.Identity;

/// <summary>Row of <c>users</c>: one human kept in the database.</summary>
public sealed class HumanUserEntity
{
    public string Name { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? Email { get; set; }
    public bool Disabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>ASP.NET Core Identity's password hash (PBKDF2, salted, versioned); null for users who cannot sign in with a password.</summary>
    public string? PasswordHash { get; set; }

    /// <summary>Wrong passwords since the last good one or the last lockout.</summary>
    public int FailedSignIns { get; set; }

    /// <summary>No password sign-in before this instant.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>The OpenID Connect provider (its configured name) this account signs in with; with a null subject, an
    /// administrator's standing permission for that provider's next sign-in of this name to take the account over.</summary>
    public string? LoginProvider { get; set; }

    /// <summary>The provider's <c>sub</c> for this person: what identifies them there, unlike a user name.</summary>
    public string? LoginSubject { get; set; }

    public List<UserGroupEntity> Groups { get; set; } = [];
}
