namespace RunbookOrchestrator.Server.Identity.Humans;

/// <summary>Why a personal token was refused, worded for the 401 problem response. Never contains the token.</summary>
public static class UserTokenFailures
{
    /// <summary>Same title as an unknown agent key (clients match on it), with a detail that also points humans somewhere useful.</summary>
    public static readonly ApiKeyFailure Unknown = new(
        "invalid-api-key",
        "invalid API key",
        "The bearer token is neither a valid agent API key nor a known personal token. Agents: ask the agent's owner for a key ('keys create'); humans: ask for a personal token ('users token NAME').");

    public static readonly ApiKeyFailure Revoked = new(
        "revoked-user-token",
        "revoked user token",
        "This personal token has been revoked. Ask an administrator for a new one ('users token NAME').");

    public static readonly ApiKeyFailure DisabledUser = new(
        "disabled-user",
        "disabled user",
        "The user this token belongs to is disabled or no longer exists.");
}
