using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using RunbookOrchestrator.Audit;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Masking;
using RunbookOrchestrator.Runtime.Inputs;
using RunbookOrchestrator.Runtime.State;

namespace RunbookOrchestrator.Runtime;

/// <summary>The engine's front door: starts runs durably, reads them, and relays cancels and events as signals.</summary>
public sealed class RunService : IRunService
{
    private readonly IRunStore _store;
    private readonly IRunbookCatalog _catalog;
    private readonly DefinitionSnapshots _definitions;
    private readonly RunDispatcher _dispatcher;
    private readonly RuntimeOptions _options;
    private readonly TimeProvider _clock;
    private readonly IMasker _masker;

    internal RunService(IRunStore store, IRunbookCatalog catalog, DefinitionSnapshots definitions, RunDispatcher dispatcher, IOptions<RuntimeOptions> options, TimeProvider clock, IMasker masker)
    {
        _masker = masker;
        _store = store;
        _catalog = catalog;
        _definitions = definitions;
        _dispatcher = dispatcher;
        _options = options.Value;
        _clock = clock;
    }

    public async Task<StartRunResult> StartAsync(StartRunRequest request, CancellationToken cancellationToken = default)
    {
        if (_catalog.Find(request.RunbookId) is not { } runbook) return new StartRunResult.RunbookNotFound(request.RunbookId);
        var validated = RunInputValidator.Validate(runbook, request.Inputs);
        if (!validated.IsValid) return new StartRunResult.InvalidInputs(validated.Errors);
        if (runbook.Steps.Count == 0) return new StartRunResult.InvalidInputs([new InputError("(runbook)", "the runbook has no steps")]);

        var hash = await _definitions.PublishAsync(runbook, cancellationToken);
        var now = _clock.GetUtcNow();
        // Created with this node's lease, the run goes straight to a local worker instead of being claimed back from the
        // database. Only once the dispatcher has freed the leases of this node's previous life, or that would free this one.
        var handOff = _dispatcher.Started.IsCompletedSuccessfully;
        var inputsJson = validated.Inputs!.ToJsonString();
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(runbook.Id + "\n" + inputsJson)));
        var run = new RunData
        {
            Id = Guid.CreateVersion7().ToString("N"),
            RunbookId = runbook.Id,
            RunbookVersion = runbook.Version,
            DefinitionHash = hash,
            Status = RunStatus.Pending,
            RequesterKind = request.Requester.Kind.ToString(),
            RequesterName = request.Requester.Name,
            RequesterOwner = request.Requester.Owner,
            Reason = request.Reason,
            InputsJson = inputsJson,
            StateJson = RunState.Empty,
            IdempotencyKey = request.IdempotencyKey is { } key ? $"{request.Requester.Kind}:{request.Requester.Name}:{key}" : null,
            IdempotencyFingerprint = request.IdempotencyKey is null ? null : fingerprint,
            CallbackUrl = request.CallbackUrl?.ToString(),
            ParentRunId = request.ParentRunId,
            ParentStepId = request.ParentStepId,
            CreatedAt = now,
            UpdatedAt = now,
            WakeAt = now,
            ExecutionCount = 1,
            LeaseOwner = handOff ? _options.NodeId : null,
            LeaseExpiresAt = handOff ? now + _options.LeaseDuration : null,
        };
        var first = new StepExecutionData
        {
            Id = Guid.CreateVersion7().ToString("N"),
            RunId = run.Id,
            StepId = runbook.Steps[0].Id,
            Attempt = 1,
            Status = StepExecutionStatus.Ready,
            Sequence = 1,
            CreatedAt = now,
        };

        var started = new AuditRecord(AuditEventKinds.RunStarted, run.RequesterKind.ToLowerInvariant(), run.RequesterName, run.Id,
            Reason: run.Reason is { } why ? _masker.MaskText(why).Text : null,
            Data: new JsonObject
            {
                ["runbook"] = run.RunbookId, ["version"] = run.RunbookVersion, ["definition_hash"] = run.DefinitionHash, ["owner"] = run.RequesterOwner,
                ["inputs"] = _masker.MaskJson(validated.Inputs, MaskingPolicy.FromInputs(runbook.Inputs)),
                ["parent_run_id"] = run.ParentRunId,
            });
        var stored = await _store.CreateRunAsync(run, first, [started], cancellationToken);
        if (stored.Id != run.Id)
        {
            return stored.IdempotencyFingerprint == fingerprint
                ? new StartRunResult.Started(stored.Id, Created: false)
                : new StartRunResult.IdempotencyConflict(stored.Id);
        }
        if (handOff) _dispatcher.HandOver(new ClaimedRun(run, [first], []));
        else _dispatcher.Wake(run.Id);
        return new StartRunResult.Started(run.Id, Created: true);
    }

    public async Task<RunView?> GetAsync(string runId, CancellationToken cancellationToken = default)
    {
        if (await _store.GetRunWithExecutionsAsync(runId, cancellationToken) is not var (run, executions)) return null;
        // What leaves through the API is masked by the runbook's own declarations (pii/secret inputs) and by value.
        var runbook = await _definitions.GetAsync(run.DefinitionHash, cancellationToken);
        var masking = MaskingPolicy.FromInputs(runbook.Inputs);
        string? Mask(string? text) => text is null ? null : _masker.MaskText(text).Text;
        var open = executions.Where(e => e.Status is StepExecutionStatus.Ready or StepExecutionStatus.Waiting).ToList();
        var waits = open.Where(e => e.Status == StepExecutionStatus.Waiting)
            .Select(WaitOf)
            .ToList();
        return new RunView(
            run.Id,
            run.RunbookId,
            run.RunbookVersion,
            run.Status,
            new Requester(Enum.Parse<RequesterKind>(run.RequesterKind, ignoreCase: true), run.RequesterName, run.RequesterOwner),
            Mask(run.Reason),
            _masker.MaskJson(JsonNode.Parse(run.InputsJson), masking) as JsonObject ?? new JsonObject(),
            _masker.MaskJson(RunState.Parse(run.StateJson).Outputs(), masking) as JsonObject ?? new JsonObject(),
            open.Select(e => e.StepId).Distinct().ToList(),
            waits,
            executions.OrderBy(e => e.Sequence)
                .Select(e => new StepExecutionView(e.StepId, e.Attempt, e.Status.ToString(), e.Outcome, Mask(e.Error), e.StartedAt ?? e.CreatedAt, e.CompletedAt))
                .ToList(),
            Mask(run.Error),
            run.ParentRunId,
            run.CreatedAt,
            run.UpdatedAt,
            run.CompletedAt,
            RunState.Parse(run.StateJson).Failure is { } f
                ? new RunFailure(f["step"]!.GetValue<string>(), f["outcome"]!.GetValue<string>(), Mask(f["error"]?.GetValue<string>()))
                : null);
    }

    public async Task<RunSummary?> GetSummaryAsync(string runId, CancellationToken cancellationToken = default) =>
        await _store.GetRunAsync(runId, cancellationToken) is { } r ? Summary(r) : null;

    private static RunSummary Summary(RunData r) =>
        new(r.Id, r.RunbookId, r.RunbookVersion, r.Status, r.RequesterKind.ToLowerInvariant(), r.RequesterName, r.CreatedAt, r.CompletedAt, r.UpdatedAt);

    public async Task<RunPage> ListAsync(RunQuery query, CancellationToken cancellationToken = default)
    {
        var limit = Math.Clamp(query.Limit, 1, 500);
        var rows = await _store.ListRunsAsync(query with { Limit = limit + 1 }, cancellationToken);
        var page = rows.Take(limit)
            .Select(Summary)
            .ToList();
        return new RunPage(page, rows.Count > limit ? page[^1].Id : null);
    }

    public async Task<CommandResult> CancelAsync(string runId, Requester by, string? reason, CancellationToken cancellationToken = default)
    {
        var run = await _store.GetRunAsync(runId, cancellationToken);
        if (run is null) return CommandResult.NotFound;
        if (run.Status.IsTerminal() || !await _store.RequestCancelAsync(runId, cancellationToken)) return CommandResult.AlreadyFinished;
        _dispatcher.Wake(runId);
        return CommandResult.Accepted;
    }

    public async Task<CommandResult> SignalAsync(string runId, Requester sender, string eventName, JsonNode? payload, CancellationToken cancellationToken = default)
    {
        // One narrow read: the whole run (state, inputs, unsealed) twice and a count cost a third of an event's CPU.
        var run = await _store.GetSignalTargetAsync(runId, cancellationToken);
        if (run is null || !sender.Requested(run.RequesterKind, run.RequesterName)) return CommandResult.NotFound;
        if (run.Status.IsTerminal()) return CommandResult.AlreadyFinished;
        if (run.PendingSignals >= _options.MaxPendingSignalsPerRun) return CommandResult.TooManyPendingSignals;
        var now = _clock.GetUtcNow();
        var appended = await _store.AppendSignalAndClaimAsync(new RunSignalData
        {
            RunId = runId,
            Kind = SignalKinds.Event,
            Name = eventName,
            PayloadJson = payload?.ToJsonString(),
            CreatedAt = now,
        }, new RunLease(_options.NodeId, now + _options.LeaseDuration), cancellationToken);
        if (!appended.Written) return CommandResult.AlreadyFinished;
        _dispatcher.Continue(runId, appended.Claimed);
        return CommandResult.Accepted;
    }

    private static WaitView WaitOf(StepExecutionData e)
    {
        var kind = WaitKind(e);
        if (kind != "approval") return new WaitView(e.StepId, kind, WaitName(e), e.WaitUntil);
        var state = e.BookmarkStateJson is { } json ? JsonNode.Parse(json) as JsonObject : null;
        // Bookmarks written before the deadline was kept in them fall back to the wake-up time.
        if (state is null || !state.ContainsKey("deadline")) return new WaitView(e.StepId, kind, WaitName(e), e.WaitUntil);
        return new WaitView(e.StepId, kind, WaitName(e), Instant(state["deadline"]), Instant(state["next_escalation_at"]));
    }

    private static DateTimeOffset? Instant(JsonNode? node) =>
        node?.GetValue<string>() is { } text ? DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind) : null;

    /// <summary>The event to send for an event wait, the gate id for an approval, nothing for a child run or a timer.</summary>
    private static string? WaitName(StepExecutionData e) => WaitKind(e) switch
    {
        "event" => e.WaitEvent,
        "approval" => e.WaitEvent![Approvals.GateKeeper.BookmarkPrefix.Length..],
        _ => null,
    };

    private static string WaitKind(StepExecutionData e) => e.WaitEvent switch
    {
        null => "timer",
        var name when name.StartsWith("child:", StringComparison.Ordinal) => "child-run",
        var name when name.StartsWith(Approvals.GateKeeper.BookmarkPrefix, StringComparison.Ordinal) => "approval",
        _ => "event",
    };
}
