using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Server.Persistence.Channels;

namespace RunbookOrchestrator.Server.Channels;

/// <summary>Sends one queued review message on one channel. Throws on failure (the outbox retries with backoff).</summary>
public interface IReviewSender
{
    /// <summary>The channel name this sender serves (<c>email</c>, <c>slack</c>, <c>teams</c>).</summary>
    string Channel { get; }

    /// <summary>Sends <paramref name="delivery"/> about <paramref name="gate"/>; returns what the channel needs to update the message later, or null.</summary>
    Task<string?> SendAsync(DeliveryEntity delivery, ApprovalGateData gate, CancellationToken cancellationToken);
}
