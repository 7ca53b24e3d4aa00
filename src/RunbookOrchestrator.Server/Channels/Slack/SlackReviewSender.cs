using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Server.Persistence.Channels;

namespace RunbookOrchestrator.Server.Channels.Slack;

/// <summary>Posts reviews to the configured Slack channel, and when the gate ends updates every copy it posted (who, when, outcome).
/// A posted message's buttons carry its delivery id: the interaction endpoint finds the gate from it.</summary>
public sealed class SlackReviewSender(
    SlackApi slack,
    IOptions<ChannelOptions> options,
    IApprovalStore store,
    IDbContextFactory<OrchestratorDbContext> contexts,
    IConfiguration configuration,
    TimeProvider clock) : IReviewSender
{
    public string Channel => ReviewChannels.Slack;

    public async Task<string?> SendAsync(DeliveryEntity delivery, ApprovalGateData gate, CancellationToken cancellationToken)
    {
        var view = ReviewView.Of(gate, await store.DecisionsAsync(gate.Id, cancellationToken), Hosting.PublicUrl.From(configuration), clock.GetUtcNow());
        if (delivery.Kind != DeliveryKinds.Outcome)
        {
            var (channel, ts) = await slack.PostMessageAsync(options.Value.Slack.Channel!, SlackBlocks.Summary(view),
                SlackBlocks.Review(view, delivery.Id, delivery.Kind), cancellationToken);
            return new JsonObject { ["channel"] = channel, ["ts"] = ts }.ToJsonString();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var posted = await db.Set<DeliveryEntity>().AsNoTracking()
            .Where(d => d.GateId == gate.Id && d.Channel == ReviewChannels.Slack && d.ExternalRef != null).ToListAsync(cancellationToken);
        foreach (var copy in posted)
        {
            var reference = JsonNode.Parse(copy.ExternalRef!)!;
            await slack.UpdateAsync(reference["channel"]!.GetValue<string>(), reference["ts"]!.GetValue<string>(), SlackBlocks.Summary(view),
                SlackBlocks.Review(view, copy.Id, DeliveryKinds.Outcome), cancellationToken);
        }
        return null;
    }
}
