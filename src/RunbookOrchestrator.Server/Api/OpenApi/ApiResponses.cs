using RunbookOrchestrator.Server.Approvals;

namespace RunbookOrchestrator.Server.Api.OpenApi;

/// <summary>The caller as <c>/api/me</c> describes it: kind and name, plus groups (people) or owner and runbook scope (agents).</summary>
internal sealed record CallerResponse(string Kind, string Name, IReadOnlyList<string>? Groups = null, string? Owner = null, IReadOnlyList<string>? AllowedRunbooks = null);

/// <summary>A cancel was accepted: the run stops at its next safe point (status <c>cancelling</c> until it has).</summary>
internal sealed record CancelAccepted(string RunId, string Status);

/// <summary>An event was accepted for a run.</summary>
internal sealed record EventAccepted(string RunId, string Event, string Status);

/// <summary>One page of the approvals the caller may see, newest first; <c>next_cursor</c> is null on the last page, <c>total</c> counts all pages.</summary>
internal sealed record ApprovalListResponse(IReadOnlyList<ApprovalResponse> Items, string? NextCursor, int Total);

/// <summary>Result of checking the audit chain: <c>ok</c> with the head and an anchor to keep, or the first break.</summary>
internal sealed record AuditVerifyResponse(bool Ok, long? Events = null, string? Head = null, string? Anchor = null, long? Sequence = null, string? Problem = null, long? EventsChecked = null);

/// <summary>One detection in a masking preview.</summary>
internal sealed record MaskingDetection(string Type, int? Start, int? Length, string Detector, string Mask);

/// <summary>Masked text or JSON, with what was found.</summary>
internal sealed record MaskingPreviewResponse(string? Text, System.Text.Json.Nodes.JsonNode? Json, IReadOnlyList<MaskingDetection> Detections);

/// <summary>The answer of /health.</summary>
internal sealed record HealthResponse(string Status);
