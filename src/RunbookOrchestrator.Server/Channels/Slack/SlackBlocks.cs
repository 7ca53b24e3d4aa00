using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Server.Channels.Slack;

/// <summary>The review as Block Kit. Every value that comes from a run (reason, parameters, context, names) is a
/// <c>plain_text</c> element: Slack's mrkdwn cannot escape <c>*</c> or <c>_</c>, and a reason must never read as the
/// message's own words. Only fixed labels are mrkdwn. Buttons carry an opaque id, nothing else.</summary>
public static class SlackBlocks
{
    public const string ApproveAction = "rbo_approve";
    public const string RejectAction = "rbo_reject";
    public const string RejectModal = "rbo_reject_modal";
    public const string ReasonBlock = "rbo_reason";
    public const string ReasonInput = "rbo_reason_input";

    /// <summary>The fallback text of notifications (no values from the run beyond the activity).</summary>
    public static string Summary(JsonObject view) =>
        view["pending"]?.GetValue<bool>() == true
            ? $"Approval needed: {view["activity"]} ({view["runbook"]})"
            : $"Approval {view["status"]}: {view["activity"]} ({view["runbook"]})";

    public static JsonArray Review(JsonObject view, string opaqueId, string kind)
    {
        var pending = view["pending"]?.GetValue<bool>() == true;
        var requester = view["requester"]!;
        var title = kind switch
        {
            DeliveryKinds.Reminder => "Reminder: approval still needed",
            DeliveryKinds.Escalation => "Escalated: approval needed",
            _ => pending ? "Approval needed" : $"Approval {view["status"]}",
        };
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = Plain($"{title}: {view["activity"]}", 150) },
            new JsonObject
            {
                ["type"] = "section",
                ["fields"] = new JsonArray(
                    Plain($"Requested by: {requester["kind"]} {requester["name"]}" + (requester["owner"] is { } owner ? $" (owned by {owner})" : "")),
                    Plain($"Action: {view["activity"]}" + (view["privileged"] is { } p ? $" [{p}]" : "") + (view["target"] is { } t ? $" on {t}" : "")),
                    Plain($"Runbook: {view["runbook"]}, step {view["step"]}"),
                    Plain($"Policy rule: {view["rule"]}"),
                    Plain($"Approvals: {view["approvals"]} of {view["quorum"]}"),
                    Plain(view["deadline"] is { } deadline ? $"Deadline: {deadline}; then {view["at_deadline"]}" : "No deadline")),
            },
            new JsonObject { ["type"] = "section", ["text"] = Plain($"What happens: {view["context"]}") },
            new JsonObject
            {
                ["type"] = "context",
                ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = "*Requester's reason* (their own words, not verified):" }),
            },
            new JsonObject { ["type"] = "section", ["text"] = Plain(view["reason"]?.ToString() is { Length: > 0 } reason ? reason : "(none given)") },
        };
        if (pending)
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray(
                    new JsonObject
                    {
                        ["type"] = "button", ["action_id"] = ApproveAction, ["style"] = "primary", ["value"] = opaqueId, ["text"] = Plain("Approve"),
                        ["confirm"] = new JsonObject
                        {
                            ["title"] = Plain("Approve this action?"), ["text"] = Plain($"{view["activity"]} requested by {requester["name"]}. You are accountable for this decision.", 300),
                            ["confirm"] = Plain("Approve"), ["deny"] = Plain("Cancel"),
                        },
                    },
                    new JsonObject { ["type"] = "button", ["action_id"] = RejectAction, ["style"] = "danger", ["value"] = opaqueId, ["text"] = Plain("Reject…") },
                    new JsonObject { ["type"] = "button", ["action_id"] = "rbo_open", ["url"] = view["web_url"]?.ToString(), ["text"] = Plain("Open the review page") }),
            });
        else
            blocks.Add(new JsonObject
            {
                ["type"] = "section",
                ["text"] = Plain($"{Capitalized(view["status"]?.ToString())}" + (view["decided_by"] is { } by ? $" by {by}" : "")
                                 + (view["decided_at"] is { } at ? $" at {at}" : "") + (view["decision_reason"] is { } why ? $": {why}" : "")),
            });
        return blocks;
    }

    /// <summary>The modal that asks a rejecting reviewer for the reason.</summary>
    public static JsonObject RejectionModal(string opaqueId) => new()
    {
        ["type"] = "modal",
        ["callback_id"] = RejectModal,
        ["private_metadata"] = opaqueId,
        ["title"] = Plain("Reject the request"),
        ["submit"] = Plain("Reject"),
        ["close"] = Plain("Cancel"),
        ["blocks"] = new JsonArray(new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = ReasonBlock,
            ["label"] = Plain("Why?"),
            ["element"] = new JsonObject { ["type"] = "plain_text_input", ["action_id"] = ReasonInput, ["multiline"] = true, ["max_length"] = 2000 },
        }),
    };

    private static JsonObject Plain(string? text, int max = 3000)
    {
        var value = string.IsNullOrEmpty(text) ? "-" : text;
        return new JsonObject { ["type"] = "plain_text", ["text"] = value.Length > max ? value[..(max - 1)] + "…" : value, ["emoji"] = false };
    }

    private static string Capitalized(string? text) => string.IsNullOrEmpty(text) ? "" : char.ToUpperInvariant(text[0]) + text[1..].Replace('_', ' ');
}
