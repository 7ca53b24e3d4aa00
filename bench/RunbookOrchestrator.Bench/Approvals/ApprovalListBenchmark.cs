using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using RunbookOrchestrator.Bench.Engine;

namespace RunbookOrchestrator.Bench.Approvals;

/// <summary>GET /api/approvals for a reviewer with 10 pending gates while other people's gates grow from none to tens of
/// thousands: the answer must stay exactly those 10, and its time must not grow with what others hold.</summary>
public sealed class ApprovalListBenchmark : IBenchmark
{
    public string Name => "approval-list";
    public string Description => "GET /api/approvals latency for a reviewer with 10 gates as others' gates grow [--others 5000,50000] [--requests 300]";

    public int Run(string[] args, TextWriter output) => RunAsync(args, output).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var requests = BenchArguments.Int(args, "requests", 300);
        var steps = (Array.IndexOf(args, "--others") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : "5000,50000")
            .Split(',').Select(int.Parse).ToList();

        var reviewer = BenchReviewer.Create();
        await using var server = await BenchServer.StartAsync(reviewer.Environment, ApprovalRunbooks.GatedRunbook());
        using var human = server.CreateClient(reviewer.Token);
        await ParkedGates.ParkAsync(server, ApprovalRunbooks.Gated, 10, 10);

        var held = 0;
        output.WriteLine($"reviewer '{reviewer.Name}' (group sre) with 10 pending gates; {requests} sequential GET /api/approvals?limit=50 per line");
        await MeasureAsync(human, requests, held, output);
        foreach (var total in steps)
        {
            SeedOthers(server.DatabasePath, total - held);
            held = total;
            await MeasureAsync(human, requests, held, output);
        }
        return 0;
    }

    private static async Task MeasureAsync(HttpClient human, int requests, int others, TextWriter output)
    {
        for (var i = 0; i < 20; i++) await human.GetStringAsync("/api/approvals?limit=50"); // warm-up
        var times = new List<double>(requests);
        var count = 0;
        for (var i = 0; i < requests; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var body = JsonNode.Parse(await human.GetStringAsync("/api/approvals?limit=50"))!;
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            count = body["items"]!.AsArray().Count;
            if (body["total"]!.GetValue<int>() != 10 || count != 10)
                throw new InvalidOperationException($"with {others} others' gates the reviewer saw {count} (total {body["total"]}), not their 10");
        }
        var p = Percentiles.Of(times);
        output.WriteLine($"others' gates {others,7}: items {count}, p50 {p.P50,7:0.00} ms  p90 {p.P90,7:0.00} ms  p99 {p.P99,7:0.00} ms  max {p.Max,7:0.00} ms");
    }

    /// <summary>Copies one of the reviewer's gates <paramref name="count"/> times as other people's (another group, another requester).</summary>
    private static void SeedOthers(string databasePath, int count)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False;Default Timeout=30");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO approval_gates (id, run_id, step_id, execution_id, source, rule_id, action_hash, status, spec_json, approvers_json,
                quorum, requester_kind, requester_name, requester_owner, reason, context_text, action_json, created_at, deadline,
                escalation_level, next_escalation_at, decided_at, decided_by, decision_reason, approved_until, version, review_json, reveal_vault)
            SELECT $id, run_id, step_id, $id, source, rule_id, action_hash, status, spec_json, '["group:other-team"]',
                quorum, requester_kind, 'another-agent', requester_owner, reason, context_text, action_json, created_at, deadline,
                escalation_level, next_escalation_at, decided_at, decided_by, decision_reason, approved_until, version, review_json, reveal_vault
            FROM approval_gates ORDER BY id LIMIT 1
            """;
        var id = command.Parameters.Add("$id", SqliteType.Text);
        using var approver = connection.CreateCommand();
        approver.Transaction = transaction;
        approver.CommandText = """INSERT INTO approval_gate_approvers (gate_id, entry) VALUES ($id, 'group:other-team')""";
        var approverGate = approver.Parameters.Add("$id", SqliteType.Text);
        for (var i = 0; i < count; i++)
        {
            id.Value = approverGate.Value = Guid.CreateVersion7().ToString("N");
            command.ExecuteNonQuery();
            approver.ExecuteNonQuery();
        }
        transaction.Commit();
    }
}
