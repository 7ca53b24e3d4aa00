using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Activities;

/// <summary>What a suspended step waits for: a time, a named event, or both (the first to come wins).</summary>
/// <param name="EventName">Resumed by <c>POST /api/runs/{id}/events/{name}</c>; null for a pure timer.</param>
/// <param name="ResumeAt">Resumed by a durable timer at this instant; null to wait for the event only.</param>
/// <param name="State">Activity-private data handed back on resume.</param>
public sealed record Bookmark(string? EventName, DateTimeOffset? ResumeAt, JsonNode? State = null);

/// <summary>Why a suspended step is being resumed.</summary>
/// <param name="Reason"><c>event</c>, <c>timer</c> or <c>child</c>.</param>
public sealed record ResumeSignal(string Reason, JsonNode? Payload, JsonNode? BookmarkState);
