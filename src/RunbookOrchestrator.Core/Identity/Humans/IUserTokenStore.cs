namespace RunbookOrchestrator.Identity.Humans;

/// <summary>Where personal tokens live. Stores only the SHA-256 of each whole token, and finds tokens by that hash.</summary>
/// <remarks>Looking up by the hash of the whole presented text is what lets operator-chosen bootstrap tokens (<c>token-a</c>)
/// work alongside generated <c>rbu_</c> tokens; it is safe because tokens are high-entropy by convention.</remarks>
public interface IUserTokenStore
{
    /// <summary>Stores the hash of <paramref name="rawToken"/> for <paramref name="userName"/> under <paramref name="id"/>.</summary>
    Task<UserToken> CreateAsync(string id, string userName, string rawToken, string label, CancellationToken cancellationToken = default);

    /// <summary>The token with this public id, or null.</summary>
    Task<StoredUserToken?> FindByIdAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The token whose SHA-256 equals that of <paramref name="presented"/>, or null.</summary>
    Task<StoredUserToken?> FindByTokenAsync(string presented, CancellationToken cancellationToken = default);

    /// <summary>Tokens, revoked included, oldest first; only <paramref name="userName"/>'s when given.</summary>
    Task<IReadOnlyList<UserToken>> ListAsync(string? userName = null, CancellationToken cancellationToken = default);

    /// <summary>Revokes the token; false when no token has this id. Revoking twice keeps the first time.</summary>
    Task<bool> RevokeAsync(string id, CancellationToken cancellationToken = default);
}

/// <summary>Issuing generated tokens on any <see cref="IUserTokenStore"/>.</summary>
public static class UserTokenStoreExtensions
{
    /// <summary>Generates an <c>rbu_</c> token, stores its hash and returns the raw token once.</summary>
    public static async Task<IssuedUserToken> IssueAsync(this IUserTokenStore store, string userName, string label = "cli", CancellationToken cancellationToken = default)
    {
        var token = SecretTokenFormat.UserToken.Generate();
        var raw = token.Reveal();
        var stored = await store.CreateAsync(token.Id, userName, raw, label, cancellationToken);
        return new IssuedUserToken(stored, raw);
    }
}
