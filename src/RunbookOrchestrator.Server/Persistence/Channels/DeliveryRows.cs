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
    public static int Queue(DbTransaction transaction, ApprovalGateData gate, IEnumerable<ReviewMessage> messages, DateTimeOffset now)
    {
        var queued = 0;
        PreparedStatement? insert = null;
        try
        {
            foreach (var message in messages)
            {
                insert ??= new PreparedStatement(transaction.Connection!, Insert, Parameters);
                var status = message.Undeliverable is null ? DeliveryStatus.Queued : DeliveryStatus.Failed;
                var added = insert.Execute(transaction, [Guid.CreateVersion7().ToString("N"), DedupeKey(gate, message), gate.Id, gate.RunId, message.Channel,
                    message.Recipient, message.Kind, message.Stage, status, now.ToUnixTimeMilliseconds(), (object?)message.Undeliverable ?? DBNull.Value,
                    now.ToUnixTimeMilliseconds()]);
                if (message.Undeliverable is null) queued += added;
            }
        }
        finally
        {
            insert?.Dispose();
        }
        return queued;
    }

    /// <summary>The same message is queued once: a person reached through a group and by name, or asked for twice, gets one.</summary>
    public static string DedupeKey(ApprovalGateData gate, ReviewMessage message) =>
        $"{gate.Id}|{message.Kind}|{message.Stage}|{message.Channel}|{message.Recipient}";
}
