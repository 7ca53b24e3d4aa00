using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Audit;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Server.Persistence.Channels;

namespace RunbookOrchestrator.Server.Channels;

/// <summary>Sends the queued review messages: claims each due row (so several nodes never send one twice), hands it to its
/// channel's sender, and records the result. A failure is retried with exponential backoff (2 s doubling, at most 10 min
/// apart) up to <see cref="MaxAttempts"/> times, then the row is failed with its reason; nothing here ever fails a run.</summary>
public sealed class DeliveryWorker(
    IDbContextFactory<OrchestratorDbContext> contexts,
    IEnumerable<IReviewSender> senders,
    IApprovalStore gates,
    IAuditTrail audit,
    DeliveryWorkerSignal signal,
    TimeProvider clock,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    public const int MaxAttempts = 8;
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, IReviewSender> _senders = senders.ToDictionary(s => s.Channel, StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var due = await DueAsync(stoppingToken);
                await Task.WhenAll(due.Select(d => SendAsync(d, stoppingToken)));
                if (due.Count == 0) await signal.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Sending review messages failed; trying again");
                await Task.Delay(Poll, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task<List<DeliveryEntity>> DueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var candidates = await db.Set<DeliveryEntity>().AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Queued && d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt).Take(16).ToListAsync(cancellationToken);
        var claimed = new List<DeliveryEntity>();
        foreach (var candidate in candidates)
        {
            // Compare-and-set on the due time: only one worker (of any node) moves it forward, and a crash mid-send frees it after Claim.
            var until = now + Claim;
            if (await db.Set<DeliveryEntity>().Where(d => d.Id == candidate.Id && d.Status == DeliveryStatus.Queued && d.NextAttemptAt == candidate.NextAttemptAt)
                    .ExecuteUpdateAsync(u => u.SetProperty(d => d.NextAttemptAt, until), cancellationToken) == 1)
                claimed.Add(candidate);
        }
        return claimed;
    }

    private async Task SendAsync(DeliveryEntity delivery, CancellationToken cancellationToken)
    {
        var attempts = delivery.Attempts + 1;
        string status;
        string? error = null, externalRef = null;
        DateTimeOffset next = clock.GetUtcNow();
        var gate = await gates.FindAsync(delivery.GateId, cancellationToken);
        if (gate is null || (delivery.Kind != DeliveryKinds.Outcome && gate.Status != GateStatus.Pending))
        {
            status = DeliveryStatus.Skipped;
            error = gate is null ? "the approval no longer exists" : $"the approval ended ({gate.Status.ToString().ToLowerInvariant()}) before the message left";
        }
        else if (!_senders.TryGetValue(delivery.Channel, out var sender))
        {
            status = DeliveryStatus.Failed;
            error = $"channel '{delivery.Channel}' is not configured on this server";
        }
        else
        {
            try
            {
                externalRef = await sender.SendAsync(delivery, gate, cancellationToken);
                status = DeliveryStatus.Sent;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                error = ex.Message.Length > 500 ? ex.Message[..500] : ex.Message;
                status = attempts >= MaxAttempts ? DeliveryStatus.Failed : DeliveryStatus.Queued;
                next = clock.GetUtcNow() + Backoff(attempts);
                logger.LogWarning("Review message {DeliveryId} ({Channel} to {Recipient}) failed (attempt {Attempt} of {Max}): {Error}",
                    delivery.Id, delivery.Channel, delivery.Recipient, attempts, MaxAttempts, error);
            }
        }

        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        var sentAt = status == DeliveryStatus.Sent ? clock.GetUtcNow() : (DateTimeOffset?)null;
        await db.Set<DeliveryEntity>().Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(u => u
            .SetProperty(d => d.Status, status).SetProperty(d => d.Attempts, attempts).SetProperty(d => d.NextAttemptAt, next)
            .SetProperty(d => d.LastError, d => error ?? d.LastError).SetProperty(d => d.SentAt, sentAt)
            .SetProperty(d => d.ExternalRef, d => externalRef ?? d.ExternalRef), CancellationToken.None);
        if (status is DeliveryStatus.Sent or DeliveryStatus.Failed)
            await audit.AppendAsync([new AuditRecord(status == DeliveryStatus.Sent ? AuditEventKinds.ReviewDelivered : AuditEventKinds.ReviewDeliveryFailed,
                "system", "system", delivery.RunId, gate?.StepId, delivery.Channel, Data: new JsonObject
                {
                    ["gate_id"] = delivery.GateId, ["delivery_id"] = delivery.Id, ["kind"] = delivery.Kind, ["recipient"] = delivery.Recipient,
                    ["attempts"] = attempts, ["error"] = error,
                })], CancellationToken.None);
    }

    /// <summary>2 s, 4 s, 8 s … at most 10 minutes.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(600, Math.Pow(2, attempts)));
}

/// <summary>Wakes the <see cref="DeliveryWorker"/> when messages were queued, so they leave at once rather than at the next poll.</summary>
public sealed class DeliveryWorkerSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try
        {
            if (_signal.CurrentCount == 0) _signal.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
