namespace RunbookOrchestrator.Server.Identity;

/// <summary>Why an API key was not accepted, worded for the 401/403 problem response. Never contains the key.</summary>
public sealed record ApiKeyFailure(string Code, string Title, string Detail)
{
    public static readonly ApiKeyFailure Missing = new(
        "missing-api-key",
        "missing API key",
        "Send the agent API key as 'Authorization: Bearer rbo_…' or in the 'X-Api-Key' header.");

    public static readonly ApiKeyFailure Invalid = new(
        "invalid-api-key",
        "invalid API key",
        "The API key is malformed or unknown. Ask the agent's owner for a valid key ('keys create').");

    public static readonly ApiKeyFailure Revoked = new(
        "revoked-api-key",
        "revoked API key",
        "This API key has been revoked. Ask the agent's owner for a new key.");

    public static readonly ApiKeyFailure Forbidden = new(
        "forbidden",
        "forbidden",
        "This identity is not allowed to do this.");
}
