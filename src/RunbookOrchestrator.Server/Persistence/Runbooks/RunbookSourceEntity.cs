namespace RunbookOrchestrator.Server.Persistence.Runbooks;

/// <summary>Row of <c>runbook_sources</c>: one text a runbook had, saved in the designer or found in its file, in the order seen.</summary>
public sealed class RunbookSourceEntity
{
    public long Id { get; set; }
    public string RunbookId { get; set; } = "";
    public int Version { get; set; }

    /// <summary>The hash runs pin (of the parsed definition): equal for two texts that differ only in comments or layout.</summary>
    public string DefinitionHash { get; set; } = "";

    /// <summary>SHA-256 of the text itself, hex: what a save names as the version it was based on.</summary>
    public string TextHash { get; set; } = "";

    public string Text { get; set; } = "";

    /// <summary><c>designer</c> (saved through the API) or <c>file</c> (changed in the runbooks folder, e.g. by a Git pull).</summary>
    public string Origin { get; set; } = "";

    /// <summary>Who saved it in the designer; null for a file change (Git knows its author).</summary>
    public string? SavedBy { get; set; }

    public DateTimeOffset SavedAt { get; set; }
}
