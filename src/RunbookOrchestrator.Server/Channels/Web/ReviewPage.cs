using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Server.Identity.Sessions;

namespace RunbookOrchestrator.Server.Channels.Web;

/// <summary>The HTML a reviewer sees for one gate, by link or signed in: the masked review, its live status, and, while the
/// gate is pending and the reviewer may decide, a form that POSTs approve or reject (with the antiforgery token).</summary>
public static class ReviewPage
{
    public static IResult Render(HttpContext context, int status, JsonObject view, string? formAction, string? notice, bool noticeIsError = false,
        string? cannotDecide = null)
    {
        var html = new StringBuilder();
        var pending = view["pending"]?.GetValue<bool>() == true;
        html.Append(pending ? "<h1>Approval needed</h1>" : $"<h1>This request is {E(view["status"])}</h1>");
        if (notice is not null) html.Append($"<p role=\"{(noticeIsError ? "alert" : "status")}\" class=\"{(noticeIsError ? "error" : "notice")}\">{E(notice)}</p>");
        if (!pending && view["decided_by"] is { } by)
            html.Append($"<p>Decided by <strong>{E(by)}</strong>{(view["decided_at"] is { } at ? $" at {E(at)}" : "")}.</p>");
        var requester = view["requester"]!;
        html.Append("<dl>");
        Row(html, "Requested by", $"{requester["kind"]} {requester["name"]}" + (requester["owner"] is { } owner ? $" (owned by {owner})" : ""));
        Row(html, "Action", $"{view["activity"]}" + (view["privileged"] is { } p ? $" [{p}]" : "") + (view["target"] is { } t ? $" on {t}" : ""));
        Row(html, "Runbook", $"{view["runbook"]}, step {view["step"]}");
        Row(html, "Policy rule", view["rule"]?.ToString());
        Row(html, "Approvals", $"{view["approvals"]} of {view["quorum"]}"
            + (view["approved_by"] is JsonArray { Count: > 0 } approved ? $" ({string.Join(", ", approved.Select(a => a?.ToString()))})" : ""));
        if (view["deadline"] is { } deadline)
            Row(html, "Deadline", $"{deadline}" + (pending && view["time_left"] is { } left ? $" ({left} left)" : "") + $"; then {view["at_deadline"]}");
        html.Append("</dl>");
        html.Append($"<h2>What happens</h2><p>{E(view["context"])}</p>");
        if (view["export_summary"] is JsonObject { } export && export["available"]?.GetValue<bool>() == true)
            html.Append($"<p><strong>Export:</strong> {E(export["row_count"])} rows to {E(export["destination"])}; columns: "
                + string.Join(", ", (export["columns"] as JsonArray ?? []).Select(c => $"{E(c?["name"])} ({E(c?["classification"])})")) + "</p>");
        html.Append("<h2>Parameters (masked)</h2><pre>").Append(E(view["parameters"]?.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }))).Append("</pre>");
        html.Append("<section class=\"unverified\" aria-label=\"The requester's reason\"><p class=\"label\">Requester's reason: their own words, not verified</p>")
            .Append($"<p class=\"reason\">{E(view["reason"] ?? "(none given)")}</p></section>");
        if (pending && formAction is not null)
        {
            var token = BrowserAntiforgery.Issue(context);
            html.Append($"""
                <form method="post" action="{E(formAction)}">
                  <input type="hidden" name="{BrowserAntiforgery.FormField}" value="{E(token)}">
                  <label for="reason">Your reason (required to reject)</label>
                  <textarea id="reason" name="reason" rows="3" maxlength="2000"></textarea>
                  <div class="actions">
                    <button type="submit" name="decision" value="approve">Approve</button>
                    <button type="submit" name="decision" value="reject" class="reject">Reject</button>
                  </div>
                </form>
                """);
        }
        else if (pending && cannotDecide is not null)
            // The decision is shown, not hidden: the person sees what they could not do and why.
            html.Append($"""
                <p id="why-not" class="error">{E(cannotDecide)}</p>
                <div class="actions">
                  <button type="button" name="decision" value="approve" disabled aria-describedby="why-not">Approve</button>
                  <button type="button" name="decision" value="reject" class="reject" disabled aria-describedby="why-not">Reject</button>
                </div>
                """);
        return SignInPages.Page(context, status, html.ToString());
    }

    /// <summary>A page that says why a link or request cannot be used, with the status that says it to machines.</summary>
    public static IResult Problem(HttpContext context, int status, string title, string message) =>
        SignInPages.Page(context, status, $"<h1>{E(title)}</h1><p role=\"alert\" class=\"error\">{E(message)}</p>");

    private static void Row(StringBuilder html, string label, string? value) => html.Append($"<dt>{E(label)}</dt><dd>{E(value)}</dd>");

    private static string E(object? value) => WebUtility.HtmlEncode(value?.ToString() ?? "");
}
