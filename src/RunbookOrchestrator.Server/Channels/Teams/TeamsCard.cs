using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Server.Channels.Teams;

/// <summary>The review as an Adaptive Card (schema 1.5) in the message envelope Teams Workflows and incoming webhooks accept.
/// Values from a run go into <c>TextRun</c>s of <c>RichTextBlock</c>s, which Teams does not read as markdown (a <c>TextBlock</c> would
/// turn a reason's <c>**…**</c> or <c>[…](…)</c> into formatting and links). Cards from webhooks cannot run buttons, so the only
/// action opens the web approval page; opening it decides nothing, which is what Teams' link previewer needs.</summary>
public static class TeamsCard
{
    public static JsonObject Message(JsonObject view, string kind)
    {
        var pending = view["pending"]?.GetValue<bool>() == true;
        var requester = view["requester"]!;
        var title = kind switch
        {
            DeliveryKinds.Reminder => "Reminder: approval still needed",
            DeliveryKinds.Escalation => "Escalated: approval needed",
            DeliveryKinds.Outcome => $"Approval {view["status"]}" + (view["decided_by"] is { } by ? $" by {by}" : ""),
            _ => "Approval needed",
        };
        var body = new JsonArray
        {
            new JsonObject { ["type"] = "TextBlock", ["text"] = title, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
            Line("Requested by", $"{requester["kind"]} {requester["name"]}" + (requester["owner"] is { } owner ? $" (owned by {owner})" : "")),
            Line("Action", $"{view["activity"]}" + (view["privileged"] is { } p ? $" [{p}]" : "") + (view["target"] is { } t ? $" on {t}" : "")),
            Line("Runbook", $"{view["runbook"]}, step {view["step"]}"),
            Line("Policy rule", view["rule"]?.ToString()),
            Line("Approvals", $"{view["approvals"]} of {view["quorum"]}"),
            Line("Deadline", view["deadline"] is { } deadline ? $"{deadline}; then {view["at_deadline"]}" : "none"),
            Line("What happens", view["context"]?.ToString()),
            new JsonObject
            {
                ["type"] = "Container", ["style"] = "emphasis",
                ["items"] = new JsonArray(
                    new JsonObject { ["type"] = "TextBlock", ["text"] = "Requester's reason (their own words, not verified)", ["isSubtle"] = true, ["size"] = "Small", ["wrap"] = true },
                    Rich(view["reason"]?.ToString() is { Length: > 0 } reason ? reason : "(none given)")),
            },
        };
        if (!pending && view["decided_at"] is { } at) body.Add(Line("Decided at", at.ToString()));
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.5",
            ["fallbackText"] = title,
            ["body"] = body,
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Action.OpenUrl", ["title"] = pending ? "Review and decide" : "Open the request", ["url"] = view["web_url"]?.ToString(),
            }),
        };
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["contentUrl"] = null, ["content"] = card }),
        };
    }

    private static JsonObject Line(string label, string? value) => new()
    {
        ["type"] = "RichTextBlock",
        ["inlines"] = new JsonArray(
            new JsonObject { ["type"] = "TextRun", ["text"] = $"{label}: ", ["weight"] = "Bolder" },
            new JsonObject { ["type"] = "TextRun", ["text"] = Clip(value) }),
    };

    private static JsonObject Rich(string text) => new()
    {
        ["type"] = "RichTextBlock",
        ["inlines"] = new JsonArray(new JsonObject { ["type"] = "TextRun", ["text"] = Clip(text) }),
    };

    private static string Clip(string? text) => string.IsNullOrEmpty(text) ? "-" : text.Length > 3000 ? text[..2999] + "…" : text;
}
