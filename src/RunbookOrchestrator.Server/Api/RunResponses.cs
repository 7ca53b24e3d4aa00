using System.Text.Json.Nodes;
using RunbookOrchestrator.Runtime;

namespace RunbookOrchestrator.Server.Api;

/// <summary>How a run looks on the wire.</summary>
internal sealed record RunResponse(
    string Id,
    RunbookRef Runbook,
    RunStatus Status,
    RequesterResponse Requester,
    string? Reason,
    JsonObject Inputs,
    JsonObject Outputs,
    IReadOnlyList<string> CurrentSteps,
    IReadOnlyList<WaitResponse> WaitingFor,
    IReadOnlyList<StepResponse> Steps,
    string? Error,
    string? ParentRunId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    RunFailure? Failure,
    RunLinks Links,
    CallbackResponse? Callback = null)
{
    public static RunResponse From(RunView v, string baseUrl, CallbackResponse? callback = null) => new(
        v.Id,
        new RunbookRef(v.RunbookId, v.RunbookVersion),
        v.Status,
        new RequesterResponse(v.Requester.Kind.ToString().ToLowerInvariant(), v.Requester.Name, v.Requester.Owner),
        v.Reason,
        v.Inputs,
        v.Outputs,
        v.CurrentSteps,
        v.WaitingFor.Select(w => new WaitResponse(w.StepId, w.Kind, w.EventName, w.Until, w.NextEscalationAt)).ToList(),
        v.Steps.Select(s => new StepResponse(s.StepId, s.Attempt, s.Status.ToLowerInvariant(), s.Outcome, s.Error, s.StartedAt, s.CompletedAt)).ToList(),
        v.Error,
        v.ParentRunId,
        v.CreatedAt,
        v.UpdatedAt,
        v.CompletedAt,
        v.Failure,
        RunLinks.For(v.Id, baseUrl),
        callback);
}

/// <summary>The run's completion callback once queued: <c>pending</c> (being delivered or waiting to retry after a restart),
/// <c>delivered</c> or <c>failed</c> (given up for good; see docs/callbacks.md). The target is scheme://host/path only.</summary>
internal sealed record CallbackResponse(string Target, string Status, int Attempts, int? LastStatus, string? LastError, DateTimeOffset? DeliveredAt, DateTimeOffset? FailedAt)
{
    public static CallbackResponse? From(RunbookOrchestrator.Runtime.State.OutboxMessageData? m) => m is null ? null : new(
        Uri.TryCreate(m.Target, UriKind.Absolute, out var url) ? RunbookOrchestrator.Runtime.Callbacks.CallbackSender.Redacted(url) : "(invalid)",
        m.DeliveredAt != null ? "delivered" : m.FailedAt != null ? "failed" : "pending",
        m.Attempts, m.LastStatus, m.LastError, m.DeliveredAt, m.FailedAt);
}

/// <summary>The runbook and version a run is pinned to.</summary>
internal sealed record RunbookRef(string Id, int Version);

/// <summary>Who asked for a run.</summary>
internal sealed record RequesterResponse(string Kind, string Name, string? Owner);

/// <summary>What a parked step waits for.</summary>
/// <remarks><c>until</c>: when the wait ends for good (an approval's deadline); <c>next_escalation_at</c>: when an approval next escalates.</remarks>
internal sealed record WaitResponse(string Step, string Kind, string? Event, DateTimeOffset? Until, DateTimeOffset? NextEscalationAt);

/// <summary>One attempt of one step.</summary>
internal sealed record StepResponse(string Step, int Attempt, string Status, string? Outcome, string? Error, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt);

/// <summary>Where to look at and act on a run.</summary>
internal sealed record RunLinks(string Self, string Cancel, string Events)
{
    public static RunLinks For(string id, string baseUrl) =>
        new($"{baseUrl}/api/runs/{id}", $"{baseUrl}/api/runs/{id}/cancel", $"{baseUrl}/api/runs/{id}/events/{{name}}");
}

/// <summary>Answer to a trigger: the run and where to follow it.</summary>
internal sealed record RunAccepted(string RunId, RunStatus Status, bool Created, string StatusUrl);

/// <summary>A page of runs.</summary>
internal sealed record RunListResponse(IReadOnlyList<RunSummaryResponse> Items, string? NextCursor);

/// <summary>A run in a list.</summary>
internal sealed record RunSummaryResponse(string Id, RunbookRef Runbook, RunStatus Status, RequesterResponse Requester, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, string Url);
