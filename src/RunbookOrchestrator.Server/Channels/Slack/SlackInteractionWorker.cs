using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Audit;
using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Masking;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Server.Persistence.Channels;

namespace RunbookOrchestrator.Server.Channels.Slack;

/// <summary>Handles accepted Slack interactions: Approve decides, Reject opens a modal for the reason and its submission decides.
/// The clicking Slack user is mapped to our user by the email Slack confirms (<c>users.info</c>, <c>is_email_confirmed</c>), never by
/// the name in the payload, and the decision goes through the same rules as the API at the moment of the click. A refused click
/// gets an ephemeral message saying why.</summary>
public sealed class SlackInteractionWorker(
    SlackInteractionQueue queue,
    SlackApi slack,
    IApprovalStore store,
    IDbContextFactory<OrchestratorDbContext> contexts,
    IServiceScopeFactory scopes,
    RunDispatcher dispatcher,
    IAuditTrail audit,
    IMasker masker,
    TimeProvider clock,
    ILogger<SlackInteractionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var payload in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await HandleAsync(payload, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "A Slack interaction could not be handled");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task HandleAsync(JsonObject payload, CancellationToken cancellationToken)
    {
        var slackUser = payload["user"]?["id"]?.GetValue<string>();
        if (slackUser is null) return;
        var callbackId = payload["view"]?["callback_id"]?.GetValue<string>();
        switch (payload["type"]?.GetValue<string>())
        {
            case "block_actions" when payload["actions"] is JsonArray { Count: > 0 } actions:
                var action = actions[0]!;
                var deliveryId = action["value"]?.GetValue<string>();
                var slackChannel = payload["channel"]?["id"]?.GetValue<string>() ?? payload["container"]?["channel_id"]?.GetValue<string>();
                switch (action["action_id"]?.GetValue<string>())
                {
                    case SlackBlocks.ApproveAction:
                        await DecideAsync(deliveryId, slackUser, slackChannel, Decisions.Approve, null, cancellationToken);
                        break;
                    case SlackBlocks.RejectAction:
                        await OpenRejectionAsync(deliveryId, slackUser, slackChannel, payload["trigger_id"]?.GetValue<string>(), cancellationToken);
                        break;
                }
                break;
            case "view_submission" when callbackId == SlackBlocks.RejectModal:
                var view = payload["view"]!;
                var reason = view["state"]?["values"]?[SlackBlocks.ReasonBlock]?[SlackBlocks.ReasonInput]?["value"]?.GetValue<string>();
                await DecideAsync(view["private_metadata"]?.GetValue<string>(), slackUser, null, Decisions.Reject, reason, cancellationToken);
                break;
        }
    }

    private async Task OpenRejectionAsync(string? deliveryId, string slackUser, string? slackChannel, string? triggerId, CancellationToken cancellationToken)
    {
        var (gate, channel) = await GateOfAsync(deliveryId, slackChannel, cancellationToken);
        if (gate is null || triggerId is null) return;
        var reviewer = await ReviewerAsync(slackUser, cancellationToken);
        if (reviewer is null)
        {
            await TellAsync(channel, slackUser, NotLinked, cancellationToken);
            return;
        }
        if (DecisionRules.WhyNot(gate, reviewer) is { } refusal)
        {
            await RefusedAsync(gate, reviewer, Decisions.Reject, null, refusal, slackUser, channel, cancellationToken);
            return;
        }
        await slack.OpenViewAsync(triggerId, SlackBlocks.RejectionModal(deliveryId!), cancellationToken);
    }

    private async Task DecideAsync(string? deliveryId, string slackUser, string? slackChannel, string decision, string? reason, CancellationToken cancellationToken)
    {
        var (gate, channel) = await GateOfAsync(deliveryId, slackChannel, cancellationToken);
        if (gate is null) return;
        var reviewer = await ReviewerAsync(slackUser, cancellationToken);
        if (reviewer is null)
        {
            await TellAsync(channel, slackUser, NotLinked, cancellationToken);
            return;
        }
        var masked = string.IsNullOrWhiteSpace(reason) ? null : masker.MaskText(reason.Length > 2000 ? reason[..2000] : reason).Text;
        var result = await store.DecideAsync(gate.Id, reviewer, decision, masked, ReviewChannels.Slack, null, clock.GetUtcNow(), cancellationToken, channelUserId: slackUser);
        if (result.Refusal is { } refusal)
        {
            await RefusedAsync(result.Gate ?? gate, reviewer, decision, masked, refusal, slackUser, channel, cancellationToken);
            return;
        }
        // The posted copies are updated when the run reads the outcome (an "outcome" delivery); a partial approval is said privately.
        if (result.Settled) dispatcher.Continue(gate.RunId, result.Claimed);
        else await TellAsync(channel, slackUser, $"Your approval is recorded ({result.Approvals} of {gate.Quorum}).", cancellationToken);
    }

    private async Task RefusedAsync(ApprovalGateData gate, Reviewer reviewer, string decision, string? reason, DecisionRefusal refusal, string slackUser, string? channel,
        CancellationToken cancellationToken)
    {
        await audit.AppendAsync([new AuditRecord(AuditEventKinds.ApprovalDecisionRefused, reviewer.Kind, reviewer.Name, gate.RunId, gate.StepId, ReviewChannels.Slack, null, reason,
            new JsonObject { ["gate_id"] = gate.Id, ["decision"] = decision, ["refusal"] = refusal.Code, ["channel_user_id"] = slackUser })], cancellationToken);
        await TellAsync(channel, slackUser, $"Not recorded: {refusal.Message}", cancellationToken);
    }

    private const string NotLinked =
        "Not recorded: your Slack account is not linked to a RunbookOrchestrator user. Slack must confirm your email, and a user here must have the same email.";

    private async Task<(ApprovalGateData? Gate, string? Channel)> GateOfAsync(string? deliveryId, string? slackChannel, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(deliveryId) || deliveryId.Length > 64) return (null, slackChannel);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var delivery = await db.Set<DeliveryEntity>().AsNoTracking()
            .FirstOrDefaultAsync(d => d.Id == deliveryId && d.Channel == ReviewChannels.Slack, cancellationToken);
        if (delivery is null) return (null, slackChannel);
        var channel = slackChannel ?? (delivery.ExternalRef is { } reference ? JsonNode.Parse(reference)?["channel"]?.GetValue<string>() : null);
        return (await store.FindAsync(delivery.GateId, cancellationToken), channel);
    }

    // By the email Slack has confirmed, and only when exactly one active user here has it: never by a name in the payload.
    private async Task<Reviewer?> ReviewerAsync(string slackUser, CancellationToken cancellationToken)
    {
        var (email, confirmed) = await slack.UserEmailAsync(slackUser, cancellationToken);
        if (!confirmed || string.IsNullOrEmpty(email)) return null;
        await using var scope = scopes.CreateAsyncScope();
        var users = (await scope.ServiceProvider.GetRequiredService<IHumanDirectory>().ListAsync(cancellationToken))
            .Where(u => !u.Disabled && string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase)).ToList();
        return users.Count == 1 ? new Reviewer("human", users[0].Name, users[0].Groups) : null;
    }

    private async Task TellAsync(string? channel, string slackUser, string text, CancellationToken cancellationToken)
    {
        if (channel is null) return;
        try
        {
            await slack.PostEphemeralAsync(channel, slackUser, text, cancellationToken);
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException)
        {
            logger.LogWarning("Could not tell Slack user {SlackUser} why their click was refused: {Error}", slackUser, ex.Message);
        }
    }
}
