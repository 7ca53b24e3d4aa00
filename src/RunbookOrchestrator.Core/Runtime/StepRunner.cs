using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunbookOrchestrator.Activities;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Policy;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Expressions;
using RunbookOrchestrator.Runtime.State;
using RunbookOrchestrator.Templates;

namespace RunbookOrchestrator.Runtime;

/// <summary>Runs or resumes one step execution: evaluates <c>when</c>, renders parameters, enforces the step timeout and calls the activity.
/// Never throws for a step's own failure; that becomes a fault.</summary>
internal sealed class StepRunner(
    IActivityRegistry activities,
    ITemplateRenderer templates,
    IExpressionEvaluator expressions,
    CurrentPolicyEvaluator policy,
    GateKeeper gates,
    IServiceProvider services,
    TimeProvider clock,
    ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger("RunbookOrchestrator.Steps");

    public async Task<ActivityResult> StartAsync(RunData run, RunbookDefinition runbook, StepExecutionData execution, JsonObject scope, CancellationToken cancellationToken) =>
        (await StartAsync(run, runbook, execution, scope, checkWhen: true, effectsAllowed: true, cancellationToken))!;

    /// <summary>Whether the step's activity declares itself <see cref="ActivityDescriptor.EffectFree"/>.</summary>
    public bool IsEffectFree(StepDefinition step) => activities.Find(step.Uses)?.Descriptor.EffectFree == true;

    /// <summary>Starts an effect-free step, or answers null without doing anything when it needs more than its own activity:
    /// a policy gate (a gate is a record outside the run, bound to this execution) or an activity that is not effect-free.
    /// The engine then commits what it has and starts the step in a round of its own.</summary>
    public Task<ActivityResult?> StartWithoutEffectsAsync(RunData run, RunbookDefinition runbook, StepExecutionData execution, JsonObject scope, CancellationToken cancellationToken) =>
        StartAsync(run, runbook, execution, scope, checkWhen: true, effectsAllowed: false, cancellationToken);

    private async Task<ActivityResult?> StartAsync(RunData run, RunbookDefinition runbook, StepExecutionData execution, JsonObject scope, bool checkWhen,
        bool effectsAllowed, CancellationToken cancellationToken)
    {
        var step = runbook.FindStep(execution.StepId);
        if (step is null) return ActivityResult.Fail($"step '{execution.StepId}' does not exist in runbook '{runbook.Id}' v{runbook.Version}");
        if (!effectsAllowed && !IsEffectFree(step)) return null;

        if (step.When is { } when && execution.Attempt == 1 && checkWhen)
        {
            try
            {
                if (!expressions.EvaluateCondition(when, scope)) return ActivityResult.Outcome(Outcomes.Skipped);
            }
            catch (ExpressionException ex)
            {
                return ActivityResult.Fail($"condition 'when' failed: {ex.Message}");
            }
        }

        switch (step.Uses)
        {
            case ControlFlow.Parallel:
            case ControlFlow.Join:
                return ActivityResult.Done();
            case ControlFlow.RunbookCall:
                return await StartChildAsync(run, step, execution, scope, cancellationToken);
            case ControlFlow.Approval:
                return await ApprovalStepAsync(run, runbook, step, execution, scope, cancellationToken);
        }

        if (activities.Find(step.Uses) is not { } activity)
            return ActivityResult.Fail($"unknown activity '{step.Uses}'");

        JsonObject parameters;
        try
        {
            parameters = RenderParameters(activity.Descriptor, step.With, scope);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ActivityResult.Fail($"parameters could not be rendered: {ex.Message}");
        }

        // The action boundary: policy sees the fully rendered action, so a template cannot smuggle a privileged action past it.
        var context = ActionContextFactory.Create(runbook, step, parameters, RequesterOf(run), RequesterGroups(scope), "", activities);
        var (decision, policyHash) = policy.EvaluateBound(context);
        var action = ActionOf(runbook, step, context.Privileged, context.Target, parameters);
        action["policy"] = policyHash;
        switch (decision)
        {
            case PolicyDecision.Deny deny:
                return new ActivityResult.Faulted($"denied by policy rule '{deny.Rule}': {deny.Message}", false,
                    new JsonObject { ["rule"] = deny.Rule, ["message"] = deny.Message }, Outcomes.Denied);
            case PolicyDecision.RequireApproval when !effectsAllowed:
                return null;
            case PolicyDecision.RequireApproval require:
                var verdict = await gates.RequireAsync(new GateRequest(run, runbook, step, execution, require.Gate, "policy", require.Rule, action, scope), cancellationToken);
                if (verdict is not GateVerdict.Proceed) return ToResult(verdict);
                break;
        }

        return await InvokeAsync(run, runbook, step, execution, scope, activity, parameters, cancellationToken,
            (a, ctx, ct) => a.ExecuteAsync(ctx, ct));
    }

    private async Task<ActivityResult> ApprovalStepAsync(RunData run, RunbookDefinition runbook, StepDefinition step, StepExecutionData execution, JsonObject scope, CancellationToken cancellationToken)
    {
        GateSpec spec;
        JsonObject parameters;
        try
        {
            parameters = activities.Find(step.Uses) is { } descriptor
                ? RenderParameters(descriptor.Descriptor, step.With, scope)
                : templates.Render(step.With, scope) as JsonObject ?? new JsonObject();
            spec = GateSpecReader.Read(parameters, runbook.Owners);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ActivityResult.Fail($"approval parameters are invalid: {ex.Message}");
        }
        var action = ActionOf(runbook, step, step.Privileged, null, parameters);
        var verdict = await gates.RequireAsync(new GateRequest(run, runbook, step, execution, spec, "step", null, action, scope), cancellationToken);
        return verdict is GateVerdict.Proceed proceed ? Approved(proceed.Gate) : ToResult(verdict);
    }

    private static ActivityResult Approved(ApprovalGateData gate) => ActivityResult.Outcome(Outcomes.Approved, new JsonObject
    {
        ["gate_id"] = gate.Id, ["status"] = gate.Status.ToString().ToLowerInvariant(), ["decided_by"] = gate.DecidedBy, ["reason"] = gate.DecisionReason,
    });

    private static ActivityResult ToResult(GateVerdict verdict) => verdict switch
    {
        GateVerdict.Wait wait => ActivityResult.Wait(wait.Bookmark),
        GateVerdict.Ended ended => new ActivityResult.Faulted(ended.Error, false, ended.Output, ended.Outcome),
        _ => ActivityResult.Fail("unexpected gate verdict"),
    };

    private static JsonObject ActionOf(RunbookDefinition runbook, StepDefinition step, string? privileged, string? target, JsonObject parameters) => new()
    {
        ["runbook"] = runbook.Id,
        ["runbook_version"] = runbook.Version,
        ["step"] = step.Id,
        ["activity"] = step.Uses,
        ["privileged"] = privileged,
        ["target"] = target,
        ["parameters"] = parameters.DeepClone(),
    };

    private static Requester RequesterOf(RunData run) =>
        new(Enum.Parse<RequesterKind>(run.RequesterKind, ignoreCase: true), run.RequesterName, run.RequesterOwner);

    private static IReadOnlyList<string> RequesterGroups(JsonObject scope) =>
        scope["requester"]?["groups"] is JsonArray groups ? groups.Select(g => g?.ToString()).OfType<string>().ToList() : [];

    public async Task<ActivityResult> ResumeAsync(RunData run, RunbookDefinition runbook, StepExecutionData execution, ResumeSignal signal, JsonObject scope, CancellationToken cancellationToken)
    {
        var step = runbook.FindStep(execution.StepId);
        if (step is null) return ActivityResult.Fail($"step '{execution.StepId}' does not exist in runbook '{runbook.Id}' v{runbook.Version}");

        // A gate's wait is a person's time to decide, not the action's run time: the step timeout does not apply to it.
        if (signal.BookmarkState?["gate_id"]?.GetValue<string>() is { } gateId)
        {
            var verdict = await gates.ResumeAsync(gateId, cancellationToken);
            if (verdict is not GateVerdict.Proceed proceed) return ToResult(verdict);
            // Approved: an approval step is done; a guarded action runs now, after policy and the action hash are checked again.
            return step.Uses == ControlFlow.Approval
                ? Approved(proceed.Gate)
                : (await StartAsync(run, runbook, execution, scope, checkWhen: false, effectsAllowed: true, cancellationToken))!;
        }

        var now = clock.GetUtcNow();
        if (signal.Reason == "timer" && step.Timeout is { } limit && execution.StartedAt is { } started && started + limit <= now)
            return new ActivityResult.Faulted($"timed out after {DurationText.Format(limit)}", false, null, Outcomes.TimedOut);

        if (step.Uses == ControlFlow.RunbookCall)
            return ChildResult(signal.Payload);


        if (activities.Find(step.Uses) is not IResumableActivity activity)
            return ActivityResult.Fail($"activity '{step.Uses}' cannot be resumed");

        JsonObject parameters;
        try
        {
            parameters = RenderParameters(activity.Descriptor, step.With, scope);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ActivityResult.Fail($"parameters could not be rendered: {ex.Message}");
        }
        return await InvokeAsync(run, runbook, step, execution, scope, activity, parameters, cancellationToken,
            (a, ctx, ct) => ((IResumableActivity)a).ResumeAsync(ctx, signal, ct));
    }

    private async Task<ActivityResult> InvokeAsync(
        RunData run, RunbookDefinition runbook, StepDefinition step, StepExecutionData execution, JsonObject scope, IActivity activity, JsonObject parameters,
        CancellationToken cancellationToken, Func<IActivity, ActivityContext, CancellationToken, ValueTask<ActivityResult>> call)
    {
        var context = new ActivityContext
        {
            RunId = run.Id,
            Runbook = runbook,
            Step = step,
            Attempt = execution.Attempt,
            Parameters = parameters,
            Scope = scope,
            Services = services,
            Logger = _logger,
            Clock = clock,
        };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (step.Timeout is { } limit) timeout.CancelAfter(limit);
        try
        {
            return await call(activity, context, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && step.Timeout is { } stepTimeout)
        {
            return ActivityResult.TimedOut($"timed out after {DurationText.Format(stepTimeout)}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An activity that throws has a bug or met the unexpected; the retry policy decides whether it is worth another go.
            _logger.LogWarning(ex, "Step {StepId} of run {RunId} threw", step.Id, run.Id);
            return ActivityResult.Fail($"unexpected error: {ex.Message}", retryable: true);
        }
    }

    private JsonObject RenderParameters(ActivityDescriptor descriptor, JsonObject with, JsonObject scope)
    {
        var rendered = new JsonObject();
        foreach (var (name, value) in with)
        {
            var kind = descriptor.Parameters.FirstOrDefault(p => p.Name == name)?.Kind ?? ParameterKind.Template;
            rendered[name] = kind == ParameterKind.Template ? templates.Render(value, scope) : value?.DeepClone();
        }
        return rendered;
    }

    private async Task<ActivityResult> StartChildAsync(RunData run, StepDefinition step, StepExecutionData execution, JsonObject scope, CancellationToken cancellationToken)
    {
        JsonObject parameters;
        try
        {
            parameters = templates.Render(step.With, scope) as JsonObject ?? new JsonObject();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ActivityResult.Fail($"parameters could not be rendered: {ex.Message}");
        }

        var runbookId = parameters["runbook"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(runbookId)) return ActivityResult.Fail("parameter 'runbook' is required");
        var inputs = parameters["inputs"] as JsonObject ?? new JsonObject();
        var wait = parameters["wait"] is not JsonValue w || !w.TryGetValue<bool>(out var b) || b;

        var runs = services.GetRequiredService<IRunService>();
        var requester = new Requester(Enum.Parse<RequesterKind>(run.RequesterKind, ignoreCase: true), run.RequesterName, run.RequesterOwner);
        var result = await runs.StartAsync(new StartRunRequest(
            runbookId,
            (JsonObject)inputs.DeepClone(),
            $"called by run {run.Id} step {step.Id}",
            requester,
            IdempotencyKey: $"{run.Id}:{step.Id}:{execution.Attempt}",
            ParentRunId: wait ? run.Id : null,
            ParentStepId: wait ? step.Id : null), cancellationToken);

        return result switch
        {
            StartRunResult.Started started when wait =>
                ActivityResult.Wait(new Bookmark(ControlFlow.ChildEvent(started.RunId), null, new JsonObject { ["child_run_id"] = started.RunId })),
            StartRunResult.Started started => ActivityResult.Done(new JsonObject { ["run_id"] = started.RunId }),
            StartRunResult.RunbookNotFound => ActivityResult.Fail($"runbook '{runbookId}' not found"),
            StartRunResult.InvalidInputs invalid => ActivityResult.Fail(
                $"inputs for '{runbookId}' are invalid: {string.Join("; ", invalid.Errors.Select(e => $"{e.Input}: {e.Message}"))}"),
            StartRunResult.IdempotencyConflict conflict => ActivityResult.Fail($"child run {conflict.ExistingRunId} conflicts"),
            _ => ActivityResult.Fail("child run could not start"),
        };
    }

    private static ActivityResult ChildResult(JsonNode? payload)
    {
        var status = payload?["status"]?.GetValue<string>();
        var outputs = payload?["outputs"]?.DeepClone();
        var runId = payload?["run_id"]?.GetValue<string>();
        var output = new JsonObject { ["run_id"] = runId, ["status"] = status, ["outputs"] = outputs };
        // Ignoring case keeps child signals queued before the status became lower-case readable.
        return string.Equals(status, nameof(RunStatus.Succeeded), StringComparison.OrdinalIgnoreCase)
            ? ActivityResult.Done(output)
            : ActivityResult.Fail($"child run {runId} ended {status}: {payload?["error"]?.GetValue<string>()}", false, output);
    }
}
