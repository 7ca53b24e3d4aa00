using RunbookOrchestrator.Identity.Humans;

namespace RunbookOrchestrator.Server.Identity.Humans;

/// <summary>The users declared in configuration (<c>Orchestrator:Users</c>), validated once at start.</summary>
public sealed class ConfiguredHumans
{
    public const string Section = "Orchestrator:Users";

    public ConfiguredHumans(IReadOnlyList<HumanUser> users) => Users = users;

    /// <summary>Configured users by name; a name declared twice keeps its last declaration.</summary>
    public IReadOnlyList<HumanUser> Users { get; }

    public static ConfiguredHumans None { get; } = new([]);

    /// <summary>Reads and validates <see cref="Section"/>; throws <see cref="InvalidOperationException"/> naming the entry and field on bad input.</summary>
    public static ConfiguredHumans From(IConfiguration configuration)
    {
        var entries = configuration.GetSection(Section).Get<List<ConfiguredUserOptions>>() ?? [];
        var users = new Dictionary<string, HumanUser>(StringComparer.Ordinal);
        var problems = new List<string>();
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var name = HumanNames.Normalize(e.Name ?? "");
            var user = new HumanUser(
                name,
                string.IsNullOrWhiteSpace(e.DisplayName) ? name : e.DisplayName.Trim(),
                string.IsNullOrWhiteSpace(e.Email) ? null : e.Email.Trim(),
                HumanNames.NormalizeGroups(e.Groups),
                e.Disabled);
            if (user.Problems() is { Count: > 0 } found)
                problems.AddRange(found.Select(p => $"{Section}:{i}: {p}"));
            else
                users[name] = user;
        }
        if (problems.Count > 0)
            throw new InvalidOperationException("Invalid users in configuration: " + string.Join("; ", problems));
        return new ConfiguredHumans(users.Values.OrderBy(u => u.Name, StringComparer.Ordinal).ToList());
    }
}
