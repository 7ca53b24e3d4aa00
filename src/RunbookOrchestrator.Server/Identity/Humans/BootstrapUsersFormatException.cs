namespace RunbookOrchestrator.Server.Identity.Humans;

/// <summary>RBO_BOOTSTRAP_USERS could not be read. The message names each bad entry by position and user, never by its token.</summary>
public sealed class BootstrapUsersFormatException(string message) : FormatException(message);
