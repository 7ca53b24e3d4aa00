namespace RunbookOrchestrator.Identity.Humans;

/// <summary>A person who may request runs and approve steps. Names and groups are lower-case (see <see cref="HumanNames"/>).</summary>
/// <param name="Name">Login name, unique, as it appears on runs, approvals and in the audit trail.</param>
/// <param name="DisplayName">How to address the person in messages.</param>
/// <param name="Email">Where to reach them; optional.</param>
/// <param name="Groups">Groups the user belongs to, sorted.</param>
/// <param name="Disabled">A disabled user cannot authenticate or approve.</param>
public sealed record HumanUser(string Name, string DisplayName, string? Email, IReadOnlyList<string> Groups, bool Disabled)
{
    /// <summary>Problems that make this user unusable, each naming the field; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (HumanNames.Problem("user name", Name) is { } name) problems.Add(name);
        problems.AddRange(Groups.Select(g => HumanNames.Problem("group", g)).OfType<string>());
        if (Email is { Length: > 0 } email && (!email.Contains('@') || email.Any(char.IsWhiteSpace)))
            problems.Add($"email of '{Name}' is not an email address");
        return problems;
    }
}
