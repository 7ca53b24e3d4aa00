using System.ComponentModel;
using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Server.Api.OpenApi;

// What each POST accepts, for the document only: bodies are read by JsonBody (strict: duplicate keys, depth, UTF-8),
// never bound to these types. Unknown members are refused with a 400 naming them.

/// <summary>Body of startRun.</summary>
internal sealed record StartRunRequestBody(
    [property: Description("Values for the runbook's declared inputs; checked against their types.")] JsonObject? Inputs,
    [property: Description("Why the run is requested; shown to reviewers (masked).")] string? Reason,
    [property: Description("Absolute http(s) URL for the signed completion callback; must pass the egress policy.")] string? CallbackUrl);

/// <summary>Body of cancelRun (send <c>{}</c> for no reason).</summary>
internal sealed record CancelRunRequest(string? Reason);

/// <summary>Body of decideApproval.</summary>
internal sealed record DecisionRequest(
    [property: Description("approve or reject")] string Decision,
    [property: Description("Required when the gate says so (always, or on reject). At most 2000 characters.")] string? Reason);

/// <summary>Body of revealField.</summary>
internal sealed record RevealRequest(
    [property: Description("One of the approval's reveal.fields, e.g. inputs.ticket.")] string Field,
    [property: Description("Why you need to see it; recorded in the audit trail (masked).")] string? Justification);

/// <summary>Body of previewMasking: exactly one of text or json.</summary>
internal sealed record MaskingPreviewRequest(string? Text, JsonNode? Json);
