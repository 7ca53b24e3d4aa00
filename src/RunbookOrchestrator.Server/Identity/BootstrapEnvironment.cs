using RunbookOrchestrator.Identity;
using RunbookOrchestrator.Server.Identity.Humans;

namespace RunbookOrchestrator.Server.Identity;

/// <summary>Checks the bootstrap variables before anything starts: a malformed one stops the server with a message naming it and its expected shape.</summary>
/// <remarks>Logging and carrying on used to leave an installation without the key or users its operator asked for,
/// discovered only when the first agent got a 401. Values are never repeated: they are secrets.</remarks>
public static class BootstrapEnvironment
{
    /// <summary>One sentence per malformed variable; empty when the server may start.</summary>
    public static IReadOnlyList<string> Problems(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        var problems = new List<string>();
        if (read(AgentKeyBootstrapper.EnvironmentVariable) is { } key && !string.IsNullOrWhiteSpace(key) && !ApiKeyFormat.TryParse(key.Trim(), out _))
            problems.Add($"{AgentKeyBootstrapper.EnvironmentVariable} is set but is not an agent key: expected rbo_<8 lower-case letters or digits>_<43 base64url characters> " +
                $"(as printed by 'keys create'); the value given has {key.Trim().Length} characters and is not shown");
        if (read(HumanBootstrapper.EnvironmentVariable) is { } users && !string.IsNullOrWhiteSpace(users))
        {
            try
            {
                BootstrapUsersParser.Parse(users);
            }
            catch (BootstrapUsersFormatException e)
            {
                problems.Add(e.Message + " (expected name:token or name:token:group1,group2, entries separated by ';')");
            }
        }
        return problems;
    }
}
