using RunbookOrchestrator.Identity;
using RunbookOrchestrator.Identity.Humans;

namespace RunbookOrchestrator.Server.Identity.Humans;

/// <summary>Reads <c>name:token[:group1,group2];name2:token2</c>. Errors name the entry by position and user name and never repeat the token.</summary>
public static class BootstrapUsersParser
{
    /// <summary>The entries of <paramref name="value"/>; throws <see cref="BootstrapUsersFormatException"/> listing every malformed entry.</summary>
    public static IReadOnlyList<BootstrapUser> Parse(string value)
    {
        var users = new List<BootstrapUser>();
        var problems = new List<string>();
        var entries = value.Split(';');
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i].Trim();
            if (entry.Length == 0) continue;
            var position = i + 1;
            var parts = entry.Split(':');
            if (parts.Length is < 2 or > 3)
            {
                // With the wrong number of parts we cannot tell which part is the secret, so only the position is safe to show.
                problems.Add($"entry {position}: expected name:token or name:token:group1,group2 ({parts.Length} ':'-separated parts found)");
                continue;
            }
            var name = HumanNames.Normalize(parts[0]);
            var token = parts[1].Trim();
            var groups = HumanNames.ParseGroupList(parts.Length == 3 ? parts[2] : null);
            var label = $"entry {position} (user '{Shown(name)}')";
            if (HumanNames.Problem("user name", name) is { } nameProblem) problems.Add($"{label}: {nameProblem}");
            if (token.Length == 0) problems.Add($"{label}: the token is empty");
            else if (SecretTokenFormat.AgentKey.Claims(token)) problems.Add($"{label}: the token starts with 'rbo_', which is reserved for agent keys");
            problems.AddRange(groups.Select(g => HumanNames.Problem("group", g)).OfType<string>().Select(p => $"{label}: {p}"));
            users.Add(new BootstrapUser(position, name, token, groups));
        }
        if (problems.Count > 0)
            throw new BootstrapUsersFormatException($"{HumanBootstrapper.EnvironmentVariable} is malformed: " + string.Join("; ", problems));
        return users;
    }

    // A name that is far too long may be a token pasted into the wrong place; show only its start.
    private static string Shown(string name) => name.Length <= 40 ? name : name[..8] + "…";
}
