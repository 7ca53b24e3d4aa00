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
        var messages = await PlanAsync(gate, what, cancellationToken);
        if (messages.Count == 0) return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One transaction for all of a gate's messages: one commit instead of one per recipient.
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var queued = DeliveryRows.Queue(tx.GetDbTransaction(), gate, messages, clock.GetUtcNow());
        await tx.CommitAsync(cancellationToken);
        // Only messages waiting to be sent wake the worker (each wake-up is a query): one that failed already, to an
        // approver without an address, has nothing for it to do.
        if (queued > 0) signal.Wake();
    }

    public async Task<IReadOnlyList<ReviewMessage>> PlanAsync(ApprovalGateData gate, ReviewEvent what, CancellationToken cancellationToken)
    {
        var spec = GateKeeper.Spec(gate);
        var channels = spec.Channels ?? options.Value.Default;
        var messages = new List<ReviewMessage>();
        foreach (var channel in channels.Distinct())
        {
            if (channel == ReviewChannels.Email) messages.AddRange(await EmailsAsync(gate, spec, what, cancellationToken));
            else messages.Add(new ReviewMessage(channel, channel, KindOf(what), what == ReviewEvent.Escalated ? gate.EscalationLevel : 0));
        }
        return messages;
    }

    private async Task<List<ReviewMessage>> EmailsAsync(ApprovalGateData gate, GateSpec spec, ReviewEvent what, CancellationToken cancellationToken)
    {
        // Outcomes are not mailed: the reviewer who opens an old mail's link sees the outcome on the page.
        if (what == ReviewEvent.Ended) return [];
        IHumanDirectory directory = await DirectoryAsync(cancellationToken);
        var rows = new List<ReviewMessage>();
        async Task AddAsync(IEnumerable<string> entries, string kind, int stage, ISet<string>? except = null)
        {
            foreach (var name in (await directory.ExpandApproversAsync(entries, cancellationToken)).Users)
            {
                if (!MayDecide(gate, name) || except?.Contains(name) == true) continue;
                var user = await directory.FindByNameAsync(name, cancellationToken);
                rows.Add(new ReviewMessage(ReviewChannels.Email, name, kind, stage, user?.Email is { Length: > 0 }
                    ? null
                    : $"user '{name}' has no email address (users add NAME --email E, or the identity provider's email claim)"));
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
        return rows.Distinct().ToList();
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
