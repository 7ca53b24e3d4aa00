namespace RunbookOrchestrator.Identity.Humans;

/// <summary>Expanding approver entries (runbook owners, gate approvers) into users on any <see cref="IHumanDirectory"/>.</summary>
public static class ApproverExpansion
{
    /// <summary>
    /// <c>group:x</c> becomes the enabled members of x; a plain name becomes that user when it is an enabled user,
    /// otherwise the members of the group of that name (runbook <c>owners: [data-owners]</c> name groups without the prefix).
    /// Disabled users never count. Anything else is reported as unresolved, so a gate can fail safe rather than guess.
    /// </summary>
    public static async Task<ResolvedApprovers> ExpandApproversAsync(this IHumanDirectory directory, IEnumerable<string> entries, CancellationToken cancellationToken = default)
    {
        var users = new SortedSet<string>(StringComparer.Ordinal);
        var unresolved = new List<string>();
        foreach (var entry in entries.Where(e => !string.IsNullOrWhiteSpace(e)))
        {
            var normalized = HumanNames.Normalize(entry);
            IReadOnlyList<string> found;
            if (normalized.StartsWith(HumanNames.GroupPrefix, StringComparison.Ordinal))
                found = await directory.MembersOfAsync(normalized[HumanNames.GroupPrefix.Length..].Trim(), cancellationToken);
            else if (await directory.FindByNameAsync(normalized, cancellationToken) is { Disabled: false } user)
                found = [user.Name];
            else
                found = await directory.MembersOfAsync(normalized, cancellationToken);
            if (found.Count == 0) unresolved.Add(entry.Trim());
            users.UnionWith(found);
        }
        return new ResolvedApprovers(users.ToList(), unresolved);
    }
}
