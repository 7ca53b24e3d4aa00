using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Runtime;

/// <summary>What callers (HTTP API, CLI, child runs) can do with runs. Implemented by the durable engine.</summary>
public interface IRunService
{
    Task<StartRunResult> StartAsync(StartRunRequest request, CancellationToken cancellationToken = default);
    Task<RunView?> GetAsync(string runId, CancellationToken cancellationToken = default);
    /// <summary>Who asked for the run and where it stands, without its steps, outputs or masking: enough to decide whether a caller may act on it.</summary>
    Task<RunSummary?> GetSummaryAsync(string runId, CancellationToken cancellationToken = default);
    Task<RunPage> ListAsync(RunQuery query, CancellationToken cancellationToken = default);
    Task<CommandResult> CancelAsync(string runId, Requester by, string? reason, CancellationToken cancellationToken = default);
    /// <summary>Sends an event to a run that <paramref name="sender"/> requested; anyone else's run is <see cref="CommandResult.NotFound"/>.</summary>
    Task<CommandResult> SignalAsync(string runId, Requester sender, string eventName, JsonNode? payload, CancellationToken cancellationToken = default);
}

/// <summary>A request to start a runbook.</summary>
public sealed record StartRunRequest(
    string RunbookId,
    JsonObject Inputs,
    string? Reason,
    Requester Requester,
    string? IdempotencyKey = null,
    Uri? CallbackUrl = null,
    string? ParentRunId = null,
    string? ParentStepId = null);

/// <summary>Answer to <see cref="IRunService.StartAsync"/>.</summary>
public abstract record StartRunResult
{
    /// <summary>The run exists; <see cref="Created"/> is false when an earlier request with the same idempotency key made it.</summary>
    public sealed record Started(string RunId, bool Created) : StartRunResult;
    public sealed record RunbookNotFound(string RunbookId) : StartRunResult;
    public sealed record InvalidInputs(IReadOnlyList<InputError> Errors) : StartRunResult;
    /// <summary>The idempotency key was used before for a different runbook or different inputs.</summary>
    public sealed record IdempotencyConflict(string ExistingRunId) : StartRunResult;
}

/// <summary>One problem with a run's inputs, named by input.</summary>
public sealed record InputError(string Input, string Message);

/// <summary>Answer to cancel and signal.</summary>
public enum CommandResult
{
    Accepted,
    NotFound,
    AlreadyFinished,
    NotWaitingForEvent,
    TooManyPendingSignals,
}

/// <summary>Filters and paging for listing runs. Cursor paging by creation order, newest first.</summary>
/// <remarks>The requester filter is kind and name together: an agent named "alice" is not the human alice.</remarks>
public sealed record RunQuery(
    string? RunbookId = null,
    RunStatus? Status = null,
    Requester? Requester = null,
    DateTimeOffset? CreatedAfter = null,
    DateTimeOffset? CreatedBefore = null,
    int Limit = 50,
    string? Cursor = null,
    IReadOnlyCollection<string>? OrRunIds = null,
    DateTimeOffset? UpdatedAfter = null);

/// <summary>One page of runs; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record RunPage(IReadOnlyList<RunSummary> Items, string? NextCursor);

/// <summary>A run in a list.</summary>
public sealed record RunSummary(
    string Id,
    string RunbookId,
    int RunbookVersion,
    RunStatus Status,
    string RequesterKind,
    string RequesterName,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset UpdatedAt = default);

/// <summary>A run in full: status, where it is, what it waits for, and what it produced.</summary>
public sealed record RunView(
    string Id,
    string RunbookId,
    int RunbookVersion,
    RunStatus Status,
    Requester Requester,
    string? Reason,
    JsonObject Inputs,
    JsonObject Outputs,
    IReadOnlyList<string> CurrentSteps,
    IReadOnlyList<WaitView> WaitingFor,
    IReadOnlyList<StepExecutionView> Steps,
    string? Error,
    string? ParentRunId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    RunFailure? Failure = null);

/// <summary>Which step's outcome ended a failed run, so a caller can tell a rejection from a timeout or a policy denial.</summary>
public sealed record RunFailure(string Step, string Outcome, string? Error);

/// <summary>What a parked step waits for.</summary>
/// <remarks><see cref="Until"/> is when the wait ends for good (an approval's deadline); <see cref="NextEscalationAt"/>, for
/// an approval with escalation stages, when it next escalates. The engine wakes at the sooner of the two.</remarks>
public sealed record WaitView(string StepId, string Kind, string? EventName, DateTimeOffset? Until, DateTimeOffset? NextEscalationAt = null);

/// <summary>One attempt of one step.</summary>
public sealed record StepExecutionView(
    string StepId,
    int Attempt,
    string Status,
    string? Outcome,
    string? Error,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt);
