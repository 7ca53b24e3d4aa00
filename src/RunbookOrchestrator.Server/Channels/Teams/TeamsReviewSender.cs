using System.Text;
using Microsoft.Extensions.Options;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Server.Persistence.Channels;

namespace RunbookOrchestrator.Server.Channels.Teams;

/// <summary>Posts the review card to <c>Channels:Teams:WebhookUrl</c>. A webhook cannot update a posted card, so the outcome goes
/// out as a card of its own.</summary>
public sealed class TeamsReviewSender(IHttpClientFactory clients, IOptions<ChannelOptions> options, IApprovalStore store, IConfiguration configuration,
    TimeProvider clock) : IReviewSender
{
    public const string HttpClientName = "teams";

    public string Channel => ReviewChannels.Teams;

    public async Task<string?> SendAsync(DeliveryEntity delivery, ApprovalGateData gate, CancellationToken cancellationToken)
    {
        var view = ReviewView.Of(gate, await store.DecisionsAsync(gate.Id, cancellationToken), Hosting.PublicUrl.From(configuration), clock.GetUtcNow());
        using var content = new StringContent(TeamsCard.Message(view, delivery.Kind).ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await clients.CreateClient(HttpClientName).PostAsync(options.Value.Teams.WebhookUrl, content, cancellationToken);
        // Never the URL in the error: it is the webhook's secret.
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"the Teams webhook answered HTTP {(int)response.StatusCode}");
        return null;
    }
}
