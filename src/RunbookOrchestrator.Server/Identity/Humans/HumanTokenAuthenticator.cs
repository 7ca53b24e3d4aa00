using System.Security.Claims;
using RunbookOrchestrator.Identity;
using RunbookOrchestrator.Identity.Humans;

namespace RunbookOrchestrator.Server.Identity.Humans;

/// <summary>Turns a presented bearer token into a human identity: finds the token by its hash, then the user (and groups) in the
/// directory. A valid token's user is remembered a few seconds (<see cref="HumanIdentityCache"/>): a reviewer's burst of
/// requests would otherwise read two tables each time.</summary>
public sealed class HumanTokenAuthenticator(IUserTokenStore tokens, IHumanDirectory directory, HumanIdentityCache cache)
{
    /// <summary>The outcome for <paramref name="presented"/>: an identity, a refusal, or <see cref="HumanAuthentication.Unknown"/> when no token matches.</summary>
    public async Task<HumanAuthentication> AuthenticateAsync(string presented, string authenticationType, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexString(SecretTokenFormat.Hash(presented));
        if (cache.TryGetToken(hash, out var known, out var knownTokenId))
            return new HumanAuthentication(HumanPrincipal.Identity(known, knownTokenId, authenticationType), null);
        var stamp = cache.Stamp();
        var stored = await tokens.FindByTokenAsync(presented, cancellationToken);
        if (stored is null) return HumanAuthentication.Unknown;
        if (stored.Token.IsRevoked) return new HumanAuthentication(null, UserTokenFailures.Revoked);
        var user = await directory.FindByNameAsync(stored.Token.UserName, cancellationToken);
        if (user is null || user.Disabled) return new HumanAuthentication(null, UserTokenFailures.DisabledUser);
        cache.RememberToken(hash, user, stored.Token.Id, stamp);
        return new HumanAuthentication(HumanPrincipal.Identity(user, stored.Token.Id, authenticationType), null);
    }
}

/// <summary>What <see cref="HumanTokenAuthenticator"/> concluded: exactly one of an identity or a failure, or neither when the token is unknown.</summary>
public sealed record HumanAuthentication(ClaimsIdentity? Identity, ApiKeyFailure? Failure)
{
    public static readonly HumanAuthentication Unknown = new(null, null);
}
