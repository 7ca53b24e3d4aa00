using RunbookOrchestrator.Definitions;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RunbookOrchestrator.Activities;
using RunbookOrchestrator.Approvals.Review;
using RunbookOrchestrator.Audit;
using RunbookOrchestrator.Masking;
using RunbookOrchestrator.Protection;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Templates;

namespace RunbookOrchestrator.Approvals;

/// <summary>Where approvals wait, time out and escalate: opens a gate for an exact action, tells the step whether it may proceed,
/// and when the gate's timer fires, escalates or ends it. Timers are the step's bookmark deadline, so they are timers like any other (see the server's Scheduling folder).</summary>
public sealed class GateKeeper(
    IApprovalStore store,
    GateTimeouts timeouts,
    IMasker masker,
    ITemplateRenderer templates,
    IAuditTrail audit,
    ExportPreview exports,
    SecretBox vault,
    TimeProvider clock,
    ILogger<GateKeeper> logger,
    IEnumerable<IReviewNotifier> notifiers)
{
    public const string BookmarkPrefix = "approval:";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Opens (or finds) the gate for this exact action and says what the step should do now.</summary>
    public async Task<GateVerdict> RequireAsync(GateRequest request, CancellationToken cancellationToken)
    {
        var specJson = JsonSerializer.Serialize(request.Spec, Json);
        var hash = ActionHash.Of(new JsonObject
        {
            ["action"] = request.Action.DeepClone(),
            ["source"] = request.Source,
            ["rule"] = request.RuleId,
            ["gate"] = JsonNode.Parse(specJson),
        });
        var now = clock.GetUtcNow();
        var id = $"{request.Execution.Id}-{hash[..16]}";
        // A step re-runs this on every resume; the preview query and the vault are made once, when the gate opens. A step
        // starting afresh (no bookmark yet) has no gate to find but after a crash, and then the insert below finds it.
        if (request.Execution.WaitEvent is not null && await store.FindAsync(id, cancellationToken) is { } existing)
        {
            // A crash after the gate was committed and before its review was queued is made good here; queuing twice sends once.
            if (existing.Status == GateStatus.Pending) await NotifyAsync(existing, ReviewEvent.Requested, cancellationToken);
            return await VerdictAsync(existing, now, cancellationToken);
        }

        var policy = MaskingPolicy.FromInputs(request.Runbook.Inputs);
        var maskedAction = masker.MaskJson(request.Action, policy) as JsonObject ?? new JsonObject();
        var (review, revealVault) = await ReviewAsync(request, policy, maskedAction, cancellationToken);
        var candidate = new ApprovalGateData
        {
            Id = id,
            RunId = request.Run.Id,
            StepId = request.Step.Id,
            ExecutionId = request.Execution.Id,
            Source = request.Source,
            RuleId = request.RuleId,
            ActionHash = hash,
            Status = GateStatus.Pending,
            SpecJson = specJson,
            ApproversJson = JsonSerializer.Serialize(request.Spec.Approvers),
            Quorum = request.Spec.Quorum,
            RequesterKind = request.Run.RequesterKind.ToLowerInvariant(),
            RequesterName = request.Run.RequesterName,
            RequesterOwner = request.Run.RequesterOwner,
            Reason = request.Run.Reason is { } r ? masker.MaskText(r).Text : null,
            ContextText = Context(request, policy),
            ActionJson = maskedAction.ToJsonString(),
            ReviewJson = review.ToJsonString(),
            RevealVault = revealVault,
            CreatedAt = now,
            Deadline = request.Spec.Timeout is { } t ? now + t : null,
            NextEscalationAt = request.Spec.Escalations.Count > 0 ? now + request.Spec.Escalations[0].After : null,
        };
        var requested = new AuditRecord(AuditEventKinds.ApprovalRequested, candidate.RequesterKind, candidate.RequesterName, candidate.RunId, candidate.StepId,
            Reason: candidate.Reason, Data: new JsonObject
            {
                ["gate_id"] = candidate.Id, ["source"] = candidate.Source, ["rule"] = candidate.RuleId, ["action_hash"] = candidate.ActionHash,
                ["approvers"] = JsonNode.Parse(candidate.ApproversJson), ["quorum"] = candidate.Quorum, ["deadline"] = candidate.Deadline?.ToString("O"),
                ["action"] = JsonNode.Parse(candidate.ActionJson),
            });
        // The review messages commit with the gate; if they cannot be worked out, the gate opens anyway and they are queued after.
        var messages = await PlanReviewsAsync(candidate, cancellationToken);
        var (gate, created) = await store.CreateOrGetAsync(candidate, requested, messages ?? [], cancellationToken);
        if (created)
            logger.LogInformation("Approval {GateId} requested for run {RunId} step {StepId} from {Approvers} (quorum {Quorum})",
                gate.Id, gate.RunId, gate.StepId, string.Join(", ", request.Spec.Approvers), gate.Quorum);
        if (gate.Status == GateStatus.Pending && (!created || messages is null)) await NotifyAsync(gate, ReviewEvent.Requested, cancellationToken);
        return await VerdictAsync(gate, now, cancellationToken);
    }

    // Null when a notifier failed: the caller then queues the reviews the usual way once the gate exists.
    private async Task<List<ReviewMessage>?> PlanReviewsAsync(ApprovalGateData gate, CancellationToken cancellationToken)
    {
        var messages = new List<ReviewMessage>();
        foreach (var notifier in notifiers)
        {
            try
            {
                messages.AddRange(await notifier.PlanAsync(gate, ReviewEvent.Requested, cancellationToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Approval {GateId}: working out its review messages failed; queuing them once the gate is stored", gate.Id);
                return null;
            }
        }
        return messages;
    }

    /// <summary>The gate's bookmark fired: a decision arrived, or its next deadline came. Escalates or times out a gate still pending.</summary>
    public async Task<GateVerdict> ResumeAsync(string gateId, CancellationToken cancellationToken)
    {
        var gate = await store.FindAsync(gateId, cancellationToken);
        if (gate is null) return new GateVerdict.Ended(Outcomes.Failed, $"approval gate {gateId} is missing", new JsonObject());
        var now = clock.GetUtcNow();
        var spec = Spec(gate);

        if (gate.Status == GateStatus.Pending && gate.Deadline is { } deadline && deadline <= now)
        {
            // Usually the sweep the timer asked for has already settled it; if not, this joins the next one rather than committing alone.
            await timeouts.TimeOutAsync(gate.Id, cancellationToken);
            gate = await store.FindAsync(gateId, cancellationToken) ?? gate;
            if (gate.Status == GateStatus.Pending)
                throw new InvalidOperationException($"approval gate {gate.Id} is overdue but could not be timed out (see the error logged before)");
        }
        else if (gate.Status == GateStatus.Pending && gate.NextEscalationAt is { } escalateAt && escalateAt <= now && gate.EscalationLevel < spec.Escalations.Count)
        {
            var stage = spec.Escalations[gate.EscalationLevel];
            var level = gate.EscalationLevel + 1;
            var approvers = DecisionRules.Approvers(gate).Concat(stage.AddApprovers).Distinct().ToList();
            if (await store.UpdatePendingAsync(gate.Id, gate.Version, g =>
                {
                    g.ApproversJson = JsonSerializer.Serialize(approvers);
                    g.EscalationLevel = level;
                    g.NextEscalationAt = level < spec.Escalations.Count ? g.CreatedAt + spec.Escalations[level].After : null;
                }, cancellationToken))
            {
                logger.LogInformation("Approval {GateId} escalated (stage {Level}): reminding and adding {Added}", gate.Id, level, string.Join(", ", stage.AddApprovers));
                var records = new List<AuditRecord>();
                if (stage.Remind)
                    records.Add(new AuditRecord(AuditEventKinds.ApprovalReminded, "system", "system", gate.RunId, gate.StepId,
                        Data: new JsonObject { ["gate_id"] = gate.Id, ["approvers"] = JsonNode.Parse(gate.ApproversJson) }));
                records.Add(new AuditRecord(AuditEventKinds.ApprovalEscalated, "system", "system", gate.RunId, gate.StepId,
                    Data: new JsonObject { ["gate_id"] = gate.Id, ["stage"] = level, ["added"] = new JsonArray(stage.AddApprovers.Select(a => (JsonNode)a!).ToArray()) }));
                await audit.AppendAsync(records, cancellationToken);
            }
            gate = await store.FindAsync(gateId, cancellationToken) ?? gate;
            if (gate.Status == GateStatus.Pending && gate.EscalationLevel > 0) await NotifyAsync(gate, ReviewEvent.Escalated, cancellationToken);
        }
        if (gate.Status != GateStatus.Pending) await NotifyAsync(gate, ReviewEvent.Ended, cancellationToken);
        return await VerdictAsync(gate, now, cancellationToken);
    }

    // Reviews are best effort for the run: a channel's trouble is recorded with the delivery, never fails the step.
    private async Task NotifyAsync(ApprovalGateData gate, ReviewEvent what, CancellationToken cancellationToken)
    {
        foreach (var notifier in notifiers)
        {
            try
            {
                await notifier.NotifyAsync(gate, what, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Approval {GateId}: queuing the {Event} review failed; the next resume of the step queues it again", gate.Id, what);
            }
        }
    }

    private async Task<GateVerdict> VerdictAsync(ApprovalGateData gate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var spec = Spec(gate);
        var output = new JsonObject { ["gate_id"] = gate.Id, ["status"] = gate.Status.ToString().ToLowerInvariant(), ["decided_by"] = gate.DecidedBy, ["reason"] = gate.DecisionReason };
        switch (gate.Status)
        {
            case GateStatus.Pending:
                // The wake-up time is the sooner of deadline and next escalation; readers of the run need both, apart.
                return new GateVerdict.Wait(new Bookmark(BookmarkPrefix + gate.Id, NextTimer(gate), new JsonObject
                {
                    ["gate_id"] = gate.Id,
                    ["deadline"] = gate.Deadline?.ToString("O"),
                    ["next_escalation_at"] = gate.NextEscalationAt?.ToString("O"),
                }));
            case GateStatus.Approved when gate.ApprovedUntil is { } until && now <= until:
                return new GateVerdict.Proceed(gate);
            case GateStatus.Approved:
                await store.TransitionAsync(gate.Id, gate.Version, GateStatus.Expired, now, null, cancellationToken);
                await audit.AppendAsync([new AuditRecord(AuditEventKinds.ApprovalExpired, "system", "system", gate.RunId, gate.StepId,
                    Data: new JsonObject { ["gate_id"] = gate.Id, ["approved_until"] = gate.ApprovedUntil?.ToString("O") })], cancellationToken);
                return new GateVerdict.Ended("expired", $"the approval expired: the action did not start within {DurationText.Format(spec.Window)} of approval", output);
            case GateStatus.Expired:
                return new GateVerdict.Ended("expired", $"the approval expired: the action did not start within {DurationText.Format(spec.Window)} of approval", output);
            case GateStatus.Rejected:
                return new GateVerdict.Ended(Outcomes.Rejected, $"rejected by {gate.DecidedBy}" + (gate.DecisionReason is { Length: > 0 } why ? $": {why}" : ""), output);
            case GateStatus.TimedOut when spec.OnTimeout == Outcomes.Approved:
                return new GateVerdict.Proceed(gate);
            case GateStatus.TimedOut when spec.OnTimeout == Outcomes.Rejected:
                return new GateVerdict.Ended(Outcomes.Rejected, "rejected: no decision before the approval timed out", output);
            case GateStatus.TimedOut:
                return new GateVerdict.Ended(Outcomes.TimedOut, $"no decision within {DurationText.Format(spec.Timeout ?? TimeSpan.Zero)}", output);
            default:
                return new GateVerdict.Ended(Outcomes.Failed, "the approval was cancelled", output);
        }
    }

    /// <summary>What reviewers get beyond the context: an export summary for a gated <c>sql.query</c>, the fields they may reveal,
    /// and (sealed, only when the gate allows reveals) the raw values of those fields.</summary>
    private async Task<(JsonObject Review, string? Vault)> ReviewAsync(GateRequest request, MaskingPolicy policy, JsonObject maskedAction, CancellationToken cancellationToken)
    {
        // Privileged actions are decided by signed-in people unless the gate says otherwise: a forwarded email link alone is not enough.
        var review = new JsonObject { ["require_sign_in"] = request.Spec.RequireSignIn ?? request.Action["privileged"] is JsonValue };
        if (request.Source == "policy" && request.Step.Uses == "sql.query" && request.Action["parameters"] is JsonObject parameters)
            review["export_summary"] = await exports.SummariseAsync(parameters, request.Run.Id, request.Step.Id, cancellationToken);

        var rawInputs = request.Scope["inputs"] as JsonObject ?? new JsonObject();
        var maskedInputs = masker.MaskJson(rawInputs, policy) as JsonObject ?? new JsonObject();
        var fields = RevealableFields.Of(rawInputs, maskedInputs,
            request.Action["parameters"] as JsonObject ?? new JsonObject(), maskedAction["parameters"] as JsonObject ?? new JsonObject());
        review["inputs"] = maskedInputs;
        review["revealable"] = request.Spec.AllowReveal ? new JsonArray(fields.Keys.Order(StringComparer.Ordinal).Select(f => (JsonNode?)f).ToArray()) : new JsonArray();
        if (!request.Spec.AllowReveal || fields.Count == 0) return (review, null);
        var vaultContent = new JsonObject();
        foreach (var (field, value) in fields) vaultContent[field] = value;
        return (review, vault.Seal(vaultContent.ToJsonString()));
    }

    /// <summary>The raw value of one revealable field of <paramref name="gate"/>; false when the gate kept no such field.</summary>
    public bool TryReveal(ApprovalGateData gate, string field, out JsonNode? value)
    {
        value = null;
        if (gate.RevealVault is not { } sealedValues || JsonNode.Parse(vault.Open(sealedValues)) is not JsonObject values) return false;
        if (!values.TryGetPropertyValue(field, out var found)) return false;
        value = found?.DeepClone();
        return true;
    }

    /// <summary>The fields of <paramref name="gate"/> a reviewer may reveal (names only).</summary>
    public static IReadOnlyList<string> Revealable(ApprovalGateData gate) =>
        gate.ReviewJson is { } json && JsonNode.Parse(json)?["revealable"] is JsonArray fields
            ? fields.Select(f => f?.GetValue<string>()).OfType<string>().ToList()
            : [];

    public static GateSpec Spec(ApprovalGateData gate) =>
        JsonSerializer.Deserialize<GateSpec>(gate.SpecJson, Json) ?? throw new InvalidOperationException($"gate {gate.Id} has no spec");

    private static DateTimeOffset? NextTimer(ApprovalGateData gate) =>
        (gate.Deadline, gate.NextEscalationAt) switch
        {
            ({ } d, { } e) => d < e ? d : e,
            ({ } d, null) => d,
            (null, { } e) => e,
            _ => null,
        };

    private string Context(GateRequest request, MaskingPolicy policy)
    {
        string text;
        if (request.Spec.ContextTemplate is { } template)
        {
            try
            {
                // The template sees the scope masked by classification and field name: once a 4-digit PIN is inside a
                // sentence no detector can tell it from any other number.
                var scope = masker.MaskJson(request.Scope, policy) as System.Text.Json.Nodes.JsonObject ?? request.Scope;
                text = templates.RenderText(template, scope, TemplateTarget.PlainText);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                text = $"(context template failed: {ex.Message})";
            }
        }
        else
        {
            var target = request.Action["target"]?.ToString();
            text = $"{request.Run.RequesterKind.ToLowerInvariant()} '{request.Run.RequesterName}' asks to run {request.Step.Uses}"
                   + (request.Action["privileged"] is { } p ? $" ({p})" : "")
                   + (target is { Length: > 0 } ? $" on {target}" : "")
                   + $" in runbook '{request.Runbook.Id}' v{request.Runbook.Version}, step '{request.Step.Id}'"
                   + (request.Run.Reason is { Length: > 0 } reason ? $". Reason: {reason}" : ".");
        }
        return masker.MaskText(text).Text;
    }
}
