using System.Data.Common;
using RunbookOrchestrator.Approvals;

namespace RunbookOrchestrator.Server.Persistence.Channels;

/// <summary>Queues a gate's review messages as <c>deliveries</c> rows inside the caller's transaction, with one prepared
/// statement. Each row's key (gate, kind, stage, channel, recipient) makes asking again after a crash queue nothing new.</summary>
internal static class DeliveryRows
{
    private const string Insert = """
        INSERT INTO "deliveries" ("id", "dedupe_key", "gate_id", "run_id", "channel", "recipient", "kind", "stage", "status", "attempts", "next_attempt_at", "last_error", "created_at")
        VALUES (@id, @dedupe, @gate, @run, @channel, @recipient, @kind, @stage, @status, 0, @next, @error, @created)
        ON CONFLICT ("dedupe_key") DO NOTHING
        """;

    private static readonly string[] Parameters = ["@id", "@dedupe", "@gate", "@run", "@channel", "@recipient", "@kind", "@stage", "@status", "@next", "@error", "@created"];

    /// <summary>Writes <paramref name="messages"/> for <paramref name="gate"/>; returns how many new rows wait to be sent (the
    /// delivery worker needs waking only for those: an undeliverable message is recorded as failed at once).</summary>
    public static int Queue(DbTransaction transaction, ApprovalGateData gate, IReadOnlyList<ReviewMessage> messages, DateTimeOffset now)
    {
        if (messages.Count == 0) return 0;
        using var insert = Prepare(transaction.Connection!);
        return Queue(insert, transaction, gate, messages, now);
    }

    /// <summary>The insert statement, for a connection that queues messages often (the run store's group writer).</summary>
    public static PreparedStatement Prepare(DbConnection connection) => new(connection, Insert, Parameters);

    /// <summary>As <see cref="Queue(DbTransaction, ApprovalGateData, IReadOnlyList{ReviewMessage}, DateTimeOffset)"/>, with a statement from <see cref="Prepare"/>.</summary>
    public static int Queue(PreparedStatement insert, DbTransaction transaction, ApprovalGateData gate, IEnumerable<ReviewMessage> messages, DateTimeOffset now)
    {
        var queued = 0;
        foreach (var message in messages)
        {
            var status = message.Undeliverable is null ? DeliveryStatus.Queued : DeliveryStatus.Failed;
            var added = insert.Execute(transaction, [Guid.CreateVersion7().ToString("N"), DedupeKey(gate, message), gate.Id, gate.RunId, message.Channel,
                message.Recipient, message.Kind, message.Stage, status, now.ToUnixTimeMilliseconds(), (object?)message.Undeliverable ?? DBNull.Value,
                now.ToUnixTimeMilliseconds()]);
            if (message.Undeliverable is null) queued += added;
        }
        return queued;
    }

    /// <summary>The same message is queued once: a person reached through a group and by name, or asked for twice, gets one.</summary>
    public static string DedupeKey(ApprovalGateData gate, ReviewMessage message) =>
        $"{gate.Id}|{message.Kind}|{message.Stage}|{message.Channel}|{message.Recipient}";
}
