namespace RunbookOrchestrator.Server.Identity.Humans;

/// <summary>Why a personal token was refused, worded for the 401 problem response. Never contains the token.</summary>
public static class UserTokenFailures
{
    public static readonly ApiKeyFailure Revoked = new(
        "revoked-user-token",
        "revoked user token",
        "This personal token has been revoked. Ask an administrator for a new one ('users token NAME').");

    public static readonly ApiKeyFailure DisabledUser = new(
        "disabled-user",
        "disabled user",
        "The user this token belongs to is disabled or no longer exists.");
}
