using System.Text.RegularExpressions;

namespace RunbookOrchestrator.Identity.Humans;

/// <summary>The rules for user and group names, shared by configuration, the database, the CLI and RBO_BOOTSTRAP_USERS.</summary>
/// <remarks>"Alice", " alice", "ａｌｉｃｅ" (full width) and "alice" must never be two people, or forbidding self-approval
/// could be sidestepped by changing how a name is typed. So every name (user, agent owner, agent, group) is compared and
/// stored in one canonical form: Unicode NFKC (full width, ligatures and compatibility letters become their plain
/// form), trimmed, lower-cased. Valid names are ASCII after that, so look-alike letters from other scripts (Cyrillic
/// "а", Greek "ο") are refused at creation instead of becoming a second "alice". See docs/identity.md.</remarks>
public static partial class HumanNames
{
    /// <summary>The prefix that marks a group in an approver list (<c>group:sre</c>).</summary>
    public const string GroupPrefix = "group:";

    /// <summary>The canonical form: NFKC where it yields ASCII, trimmed, lower-cased (invariant culture, so no Turkish dotless i surprises).</summary>
    /// <remarks>The server runs without ICU (InvariantGlobalization), so the NFKC mappings come from the generated
    /// <see cref="AsciiFolding"/> table; mappings to non-ASCII would only produce names that validation refuses anyway.</remarks>
    public static string Normalize(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0) return trimmed;
        return (System.Text.Ascii.IsValid(trimmed) ? trimmed : Fold(trimmed)).Trim().ToLowerInvariant();
    }

    private static string Fold(string value)
    {
        var folded = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            // A lone surrogate is kept as it is: validation then refuses the name as non-ASCII.
            var codePoint = char.IsSurrogatePair(value, i) ? char.ConvertToUtf32(value[i], value[++i]) : value[i];
            var at = codePoint < 0x80 ? -1 : Array.BinarySearch(AsciiFolding.CodePoints, codePoint);
            if (at >= 0) folded.Append(AsciiFolding.Folded[at]);
            else if (codePoint > 0xFFFF) folded.Append(char.ConvertFromUtf32(codePoint));
            else folded.Append((char)codePoint);
        }
        return folded.ToString();
    }

    /// <summary>True when both are the same name once canonical (the comparison every identity check must use).</summary>
    public static bool Same(string? a, string? b) =>
        a is not null && b is not null && string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);



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
        var canonical = Normalize(value);
        if (ValidName().IsMatch(canonical)) return null;
        return canonical.Any(c => c > 0x7f)
            ? $"{what} '{value}' contains letters outside ASCII even after Unicode normalisation (look-alikes such as Cyrillic or Greek letters are refused so that no two names can read the same); use letters a-z, digits and . _ @ -"
            : $"{what} '{value}' is not valid (use letters, digits and . _ @ -, starting with a letter or digit, at most 100 characters; names are compared in lower case)";
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._@-]{0,99}$")]
    private static partial Regex ValidName();
}
