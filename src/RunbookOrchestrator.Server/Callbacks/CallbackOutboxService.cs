using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using RunbookOrchestrator.Audit;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Runtime.Callbacks;

namespace RunbookOrchestrator.Server.Callbacks;

/// <summary>Delivers completion callbacks from the outbox. A callback is queued in the same transaction that ends the run,
/// so a crash never loses one; it may be delivered more than once (the receiver dedupes on <c>Idempotency-Key</c>), and a delivery that fails for good is recorded on the run and in the audit trail (<c>callback.failed</c>).</summary>
internal sealed class CallbackOutboxService(
    IRunStore store,
    CallbackSender sender,
    IOptions<RuntimeOptions> options,
    TimeProvider clock,
    IAuditTrail audit,
    ILogger<CallbackOutboxService> logger) : BackgroundService
{
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
        var url = new Uri(message.Target);
        // One delivery is the documented schedule (1 attempt + 3 retries, 1/2/4 s) run by the client's resilience pipeline.
        // Its result is final: a 401 or an exhausted schedule used to be retried 36 times over hours.
        var result = await sender.SendAsync(url, payload, options.Value.CallbackSigningSecret, $"{message.RunId}:completed", cancellationToken);
        message.Attempts += result.Attempts;
        message.LastStatus = result.LastStatusCode;
        if (result.Delivered)
        {
            message.DeliveredAt = clock.GetUtcNow();
            message.LastError = null;
            await store.UpdateOutboxAsync(message, cancellationToken);
            return;
        }
        message.LastError = result.Error ?? $"HTTP {result.LastStatusCode}";
        message.FailedAt = clock.GetUtcNow();
        // Audited before the row is marked, so whoever sees "failed" on the run finds the record too; a crash in
        // between retries the delivery, and a second failure is audited again (at least once, never silently).
        await audit.AppendAsync([new AuditRecord(AuditEventKinds.CallbackFailed, "system", "orchestrator", message.RunId,
            Data: new JsonObject
            {
                ["target"] = CallbackSender.Redacted(url),
                ["attempts"] = message.Attempts,
                ["last_status"] = message.LastStatus,
                ["error"] = message.LastError,
            })], cancellationToken);
        await store.UpdateOutboxAsync(message, cancellationToken);
        // An unreachable receiver is an operational fact, not a bug: one line, no stack trace.
        logger.LogWarning("Callback for run {RunId} to {Host} failed after {Attempts} attempts: {Reason}", message.RunId, url.Authority, message.Attempts, message.LastError);
    }
}
