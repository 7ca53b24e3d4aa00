namespace RunbookOrchestrator.Approvals;

/// <summary>Which approvals a caller lists: visibility (who asks), filters, and a page. Visibility is part of the query, not
/// applied after a capped read: a reviewer with 10 gates among 5,000 others' sees exactly their 10.</summary>
/// <param name="Viewer">A human sees the gates they are listed on (by name or group) and the ones they asked for; an agent the gates of its own runs.</param>
/// <param name="Cursor">The <c>next_cursor</c> of the previous page.</param>
public sealed record ApprovalQuery(
    Reviewer Viewer,
    GateStatus? Status = null,
    string? RunbookId = null,
    string? RequesterName = null,
    DateTimeOffset? CreatedAfter = null,
    DateTimeOffset? CreatedBefore = null,
    int Limit = 50,
    ApprovalCursor? Cursor = null);

/// <summary>A position in the newest-first order of gates: creation time, then id.</summary>
public sealed record ApprovalCursor(DateTimeOffset CreatedAt, string Id)
{
    public override string ToString() => $"{CreatedAt.UtcTicks}.{Id}";

    /// <summary>Reads a cursor written by <see cref="ToString"/>; null when it is not one.</summary>
    public static ApprovalCursor? TryParse(string? text)
    {
        var dot = text?.IndexOf('.') ?? -1;
        if (dot <= 0 || !long.TryParse(text![..dot], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks) return null;
        var id = text[(dot + 1)..];
        return id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? new ApprovalCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id) : null;
    }
}

/// <summary>One page of approvals, the cursor of the next (null on the last) and how many match in all.</summary>
public sealed record ApprovalPage(IReadOnlyList<ApprovalGateData> Items, ApprovalCursor? NextCursor, int Total);
