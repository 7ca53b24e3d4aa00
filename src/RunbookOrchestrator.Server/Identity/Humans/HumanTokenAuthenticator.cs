using System.Security.Claims;
using RunbookOrchestrator.Identity.Humans;

namespace RunbookOrchestrator.Server.Identity.Humans;

/// <summary>Turns a presented bearer token into a human identity: finds the token by its hash, then the user (and groups) in the directory.</summary>
public sealed class HumanTokenAuthenticator(IUserTokenStore tokens, IHumanDirectory directory)
{
    /// <summary>The outcome for <paramref name="presented"/>: an identity, a refusal, or <see cref="HumanAuthentication.Unknown"/> when no token matches.</summary>
    public async Task<HumanAuthentication> AuthenticateAsync(string presented, string authenticationType, CancellationToken cancellationToken)
    {
        var stored = await tokens.FindByTokenAsync(presented, cancellationToken);
        if (stored is null) return HumanAuthentication.Unknown;
        if (stored.Token.IsRevoked) return new HumanAuthentication(null, UserTokenFailures.Revoked);
        var user = await directory.FindByNameAsync(stored.Token.UserName, cancellationToken);
        if (user is null || user.Disabled) return new HumanAuthentication(null, UserTokenFailures.DisabledUser);
        return new HumanAuthentication(HumanPrincipal.Identity(user, stored.Token.Id, authenticationType), null);
    }
}

/// <summary>What <see cref="HumanTokenAuthenticator"/> concluded: exactly one of an identity or a failure, or neither when the token is unknown.</summary>
public sealed record HumanAuthentication(ClaimsIdentity? Identity, ApiKeyFailure? Failure)
{
    public static readonly HumanAuthentication Unknown = new(null, null);
}
