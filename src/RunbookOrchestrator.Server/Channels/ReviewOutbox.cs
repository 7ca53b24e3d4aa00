using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Server.Identity.Humans;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Server.Persistence.Channels;

namespace RunbookOrchestrator.Server.Channels;

/// <summary>Turns a gate's events into queued messages (<c>deliveries</c>): who gets what on which channel. Each message has a
/// key (gate, event, stage, channel, recipient), so asking again after a crash or a re-executed step queues nothing new.
/// Email goes only to eligible approvers: never to the requester or the requesting agent's owner, who may not decide.</summary>
public sealed class ReviewOutbox(
    IDbContextFactory<OrchestratorDbContext> contexts,
    IServiceScopeFactory scopes,
    IOptions<ChannelOptions> options,
    DeliveryWorkerSignal signal,
    HumanIdentityCache people,
    TimeProvider clock) : IReviewNotifier
{
    public async Task NotifyAsync(ApprovalGateData gate, ReviewEvent what, CancellationToken cancellationToken)
    {
        var spec = GateKeeper.Spec(gate);
        var channels = spec.Channels ?? options.Value.Default;
        var rows = new List<DeliveryEntity>();
        foreach (var channel in channels.Distinct())
        {
            if (channel == ReviewChannels.Email) rows.AddRange(await EmailsAsync(gate, spec, what, cancellationToken));
            else
                rows.Add(Row(gate, channel, channel, KindOf(what), what == ReviewEvent.Escalated ? gate.EscalationLevel : 0));
        }
        if (rows.Count == 0) return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var queued = 0;
        // One transaction and one prepared statement for all of a gate's messages: one commit and one parse, not one per recipient.
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var transaction = tx.GetDbTransaction();
        using (var insert = new PreparedStatement(transaction.Connection!, """
            INSERT INTO "deliveries" ("id", "dedupe_key", "gate_id", "run_id", "channel", "recipient", "kind", "stage", "status", "attempts", "next_attempt_at", "last_error", "created_at")
            VALUES (@id, @dedupe, @gate, @run, @channel, @recipient, @kind, @stage, @status, 0, @next, @error, @created)
            ON CONFLICT ("dedupe_key") DO NOTHING
            """, ["@id", "@dedupe", "@gate", "@run", "@channel", "@recipient", "@kind", "@stage", "@status", "@next", "@error", "@created"]))
        {
            foreach (var row in rows)
            {
                var added = insert.Execute(transaction, [row.Id, row.DedupeKey, row.GateId, row.RunId, row.Channel, row.Recipient, row.Kind, row.Stage, row.Status,
                    row.NextAttemptAt.ToUnixTimeMilliseconds(), (object?)row.LastError ?? DBNull.Value, row.CreatedAt.ToUnixTimeMilliseconds()]);
                if (row.Status == DeliveryStatus.Queued) queued += added;
            }
        }
        await tx.CommitAsync(cancellationToken);
        // Only messages waiting to be sent wake the worker (each wake-up is a query): one that failed already, to an
        // approver without an address, has nothing for it to do.
        if (queued > 0) signal.Wake();
    }

    private async Task<List<DeliveryEntity>> EmailsAsync(ApprovalGateData gate, GateSpec spec, ReviewEvent what, CancellationToken cancellationToken)
    {
        // Outcomes are not mailed: the reviewer who opens an old mail's link sees the outcome on the page.
        if (what == ReviewEvent.Ended) return [];
        IHumanDirectory directory = await DirectoryAsync(cancellationToken);
        var rows = new List<DeliveryEntity>();
        async Task AddAsync(IEnumerable<string> entries, string kind, int stage, ISet<string>? except = null)
        {
            foreach (var name in (await directory.ExpandApproversAsync(entries, cancellationToken)).Users)
            {
                if (!MayDecide(gate, name) || except?.Contains(name) == true) continue;
                var user = await directory.FindByNameAsync(name, cancellationToken);
                var row = Row(gate, ReviewChannels.Email, name, kind, stage);
                if (user?.Email is not { Length: > 0 })
                {
                    row.Status = DeliveryStatus.Failed;
                    row.LastError = $"user '{name}' has no email address (users add NAME --email E, or the identity provider's email claim)";
                }
                rows.Add(row);
            }
        }
        if (what == ReviewEvent.Requested)
            await AddAsync(DecisionRules.Approvers(gate), DeliveryKinds.Request, 0);
        else if (what == ReviewEvent.Escalated && gate.EscalationLevel > 0 && gate.EscalationLevel <= spec.Escalations.Count)
        {
            var stage = spec.Escalations[gate.EscalationLevel - 1];
            var added = stage.AddApprovers;
            await AddAsync(added, DeliveryKinds.Escalation, gate.EscalationLevel);
            if (stage.Remind)
            {
                // Those who had it already are reminded; those the stage adds got the review itself just above.
                var addedUsers = (await directory.ExpandApproversAsync(added, cancellationToken)).Users.ToHashSet(StringComparer.Ordinal);
                await AddAsync(DecisionRules.Approvers(gate).Except(added), DeliveryKinds.Reminder, gate.EscalationLevel, addedUsers);
            }
        }
        // A person reached through two entries (a group and their name) gets one message per kind.
        return rows.GroupBy(r => r.DedupeKey).Select(g => g.First()).ToList();
    }

    // Every new gate asks who its approvers are; the directory changes seldom (and empties the cache when it does here).
    private async Task<HumanDirectorySnapshot> DirectoryAsync(CancellationToken cancellationToken)
    {
        if (people.Directory() is { } known) return known;
        var stamp = people.Stamp();
        await using var scope = scopes.CreateAsyncScope();
        var directory = await HumanDirectorySnapshot.ReadAsync(scope.ServiceProvider.GetRequiredService<IHumanDirectory>(), cancellationToken);
        people.RememberDirectory(directory, stamp);
        return directory;
    }

    private static bool MayDecide(ApprovalGateData gate, string name) =>
        !(gate.RequesterKind.Equals("human", StringComparison.OrdinalIgnoreCase) && HumanNames.Same(gate.RequesterName, name))
        && !(gate.RequesterOwner is { } owner && HumanNames.Same(owner, name));

    private DeliveryEntity Row(ApprovalGateData gate, string channel, string recipient, string kind, int stage)
    {
        var now = clock.GetUtcNow();
        return new DeliveryEntity
        {
            Id = Guid.CreateVersion7().ToString("N"),
            DedupeKey = $"{gate.Id}|{kind}|{stage}|{channel}|{recipient}",
            GateId = gate.Id,
            RunId = gate.RunId,
            Channel = channel,
            Recipient = recipient,
            Kind = kind,
            Stage = stage,
            Status = DeliveryStatus.Queued,
            NextAttemptAt = now,
            CreatedAt = now,
        };
    }

    private static string KindOf(ReviewEvent what) => what switch
    {
        ReviewEvent.Requested => DeliveryKinds.Request,
        ReviewEvent.Escalated => DeliveryKinds.Escalation,
        _ => DeliveryKinds.Outcome,
    };
}

/// <summary>What a queued message is about.</summary>
public static class DeliveryKinds
{
    public const string Request = "request";
    public const string Reminder = "reminder";
    public const string Escalation = "escalation";
    public const string Outcome = "outcome";
}
