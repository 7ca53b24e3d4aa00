using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Runtime.Callbacks;

namespace RunbookOrchestrator.Server.Callbacks;

/// <summary>Delivers completion callbacks from the outbox. A callback is queued in the same transaction that ends the run,
/// so a crash never loses one; it may be delivered more than once, and the receiver dedupes on <c>run_id</c>.</summary>
internal sealed class CallbackOutboxService(
    IRunStore store,
    CallbackSender sender,
    IOptions<RuntimeOptions> options,
    TimeProvider clock,
    ILogger<CallbackOutboxService> logger) : BackgroundService
{
    private const int MaxAttempts = 12;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var message in await store.FindDueOutboxAsync(clock.GetUtcNow(), 50, stoppingToken))
                    await DeliverAsync(message, stoppingToken);
                await Task.Delay(PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Callback outbox pass failed; trying again");
                await Task.Delay(PollInterval, clock, CancellationToken.None);
            }
        }
    }

    private async Task DeliverAsync(Runtime.State.OutboxMessageData message, CancellationToken cancellationToken)
    {
        var payload = JsonNode.Parse(message.PayloadJson) ?? new JsonObject();
        var result = await sender.SendAsync(new Uri(message.Target), payload, options.Value.CallbackSigningSecret, $"{message.RunId}:completed", cancellationToken);
        message.Attempts += result.Attempts;
        if (result.Delivered)
        {
            message.DeliveredAt = clock.GetUtcNow();
            message.LastError = null;
        }
        else
        {
            message.LastError = result.Error ?? $"HTTP {result.LastStatusCode}";
            // Back off exponentially up to an hour; after that many tries the receiver is gone and we stop, keeping the record.
            var delay = TimeSpan.FromSeconds(Math.Min(3600, Math.Pow(2, Math.Min(message.Attempts, 12))));
            message.NextAttemptAt = message.Attempts >= MaxAttempts * 3 ? DateTimeOffset.MaxValue.AddDays(-1) : clock.GetUtcNow() + delay;
            logger.LogWarning("Callback for run {RunId} not delivered after {Attempts} attempts: {Error}", message.RunId, message.Attempts, message.LastError);
        }
        await store.UpdateOutboxAsync(message, cancellationToken);
    }
}
