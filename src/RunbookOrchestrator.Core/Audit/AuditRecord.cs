using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Audit;

/// <summary>Something worth proving later, as a caller hands it to the trail. The trail adds the sequence number, time and hash chain.
/// <see cref="Data"/> must already be masked: the trail stores what it is given, for ever.</summary>
/// <param name="Kind">Dotted event name such as <c>run.started</c>, <c>step.completed</c>, <c>policy.evaluated</c>, <c>approval.requested</c>, <c>approval.decided</c>.</param>
/// <param name="ActorKind"><c>agent</c>, <c>human</c> or <c>system</c>.</param>
/// <param name="Channel">Where a decision came from: <c>api</c>, <c>slack</c>, <c>teams</c>, <c>email</c>, <c>web</c>; null for engine events.</param>
public sealed record AuditRecord(
    string Kind,
    string ActorKind,
    string ActorName,
    string? RunId = null,
    string? StepId = null,
    string? Channel = null,
    string? ClientAddress = null,
    string? Reason = null,
    JsonObject? Data = null);
