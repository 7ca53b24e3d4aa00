using System.Text.RegularExpressions;

namespace RunbookOrchestrator.Identity.Humans;

/// <summary>The rules for user and group names, shared by configuration, the database, the CLI and RBO_BOOTSTRAP_USERS.</summary>
/// <remarks>Names are compared case-insensitively by storing them lower-case: "Alice" and "alice" must never be two people,
/// or forbidding self-approval could be sidestepped by changing case.</remarks>
public static partial class HumanNames
{
    /// <summary>The prefix that marks a group in an approver list (<c>group:sre</c>).</summary>
    public const string GroupPrefix = "group:";

    /// <summary>Trimmed and lower-cased.</summary>
    public static string Normalize(string name) => name.Trim().ToLowerInvariant();

    /// <summary>Normalized, non-empty, distinct and sorted group names from <paramref name="groups"/>.</summary>
    public static IReadOnlyList<string> NormalizeGroups(IEnumerable<string> groups) =>
        groups.Select(Normalize).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>Splits a comma-separated group list (<c>sre,data-owners</c>).</summary>
    public static IReadOnlyList<string> ParseGroupList(string? list) =>
        NormalizeGroups((list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Why <paramref name="value"/> is not a valid name, or null when it is.</summary>
    public static string? Problem(string what, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return $"{what} is required";
        return ValidName().IsMatch(value)
            ? null
            : $"{what} '{value}' is not valid (use lower-case letters, digits and . _ @ -, starting with a letter or digit, at most 100 characters)";
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._@-]{0,99}$")]
    private static partial Regex ValidName();
}
