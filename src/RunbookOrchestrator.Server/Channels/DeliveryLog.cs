using Microsoft.EntityFrameworkCore;
using RunbookOrchestrator.Server.Approvals;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Server.Persistence.Channels;

namespace RunbookOrchestrator.Server.Channels;

/// <summary>The review messages of a gate and how each went, for <c>GET /api/approvals/{id}</c>.</summary>
public sealed class DeliveryLog(IDbContextFactory<OrchestratorDbContext> contexts)
{
    internal async Task<IReadOnlyList<DeliveryResponse>> OfGateAsync(string gateId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<DeliveryEntity>().AsNoTracking().Where(d => d.GateId == gateId).ToListAsync(cancellationToken);
        return rows.OrderBy(d => d.CreatedAt).ThenBy(d => d.Channel, StringComparer.Ordinal).ThenBy(d => d.Recipient, StringComparer.Ordinal)
            .Select(d => new DeliveryResponse(d.Id, d.Channel, d.Recipient, d.Kind, d.Stage, d.Status, d.Attempts, d.LastError, d.CreatedAt, d.SentAt,
                d.Status == DeliveryStatus.Queued ? d.NextAttemptAt : null))
            .ToList();
    }
}
