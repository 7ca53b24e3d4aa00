using Microsoft.Data.Sqlite;
using RunbookOrchestrator.Tests.Hosting;
using RunbookOrchestrator.Tests.Process;

namespace RunbookOrchestrator.Tests.Durability;

/// <summary>Gate timeouts are durable across SIGKILL: after a restart every pending gate times out once, none twice, none early.
/// (The benchmark <c>timer-crash</c> does the same with 1,000 gates and reports the lateness.)</summary>
public sealed class KilledServerTimesOutGatesOnceTests
{
    private const int Gates = 200;

    private static (string File, string Yaml) TimedGate(string id, string timeout) => ($"{id}.yaml", $$$"""
        id: {{{id}}}
        version: 1
        owners: [sre]
        inputs:
          counter: { type: string, required: true }
        steps:
          - id: ask
            uses: approval
            with:
              approvers: [group:sre]
              timeout: {{{timeout}}}
            next: { approved: go, timed_out: late }
          - id: go
            uses: set
            with: { values: { approved: true } }
            next: { done: end }
          - id: late
            uses: http.request
            with: { method: POST, url: "{{ inputs.counter }}/hit/late/{{ run.id }}" }
        """);

    [Fact]
    public async Task Every_gate_pending_at_SIGKILL_times_out_once_and_never_before_its_deadline()
    {
        await using var counter = await HitCounter.StartAsync();
        await using var server = new ServerProcess([TimedGate("gate-12s", "12s"), TimedGate("gate-20s", "20s")]);
        await server.StartAsync();

        var runs = new List<string>();
        for (var i = 0; i < Gates; i++)
            runs.Add(await server.Client.StartAsync(i % 2 == 0 ? "gate-12s" : "gate-20s", new { counter = counter.BaseUrl }));
        await WaitUntilAsync(async () => await ScalarAsync(server.DatabasePath, "SELECT COUNT(*) FROM approval_gates WHERE status = 'Pending'") == Gates, "every gate to open");

        await server.KillAsync();
        await server.StartAsync();
        await WaitUntilAsync(async () => await ScalarAsync(server.DatabasePath, "SELECT COUNT(*) FROM approval_gates WHERE status = 'Pending'") == 0, "every gate to time out");
        foreach (var runId in runs) await server.Client.WaitForEndAsync(runId, timeoutSeconds: 60);

        Assert.Equal(Gates, await ScalarAsync(server.DatabasePath, "SELECT COUNT(*) FROM approval_gates WHERE status = 'TimedOut'"));
        Assert.Equal(0, await ScalarAsync(server.DatabasePath, "SELECT COUNT(*) FROM approval_gates WHERE decided_at < deadline"));
        Assert.Equal(Gates, await ScalarAsync(server.DatabasePath, "SELECT COUNT(*) FROM audit_events WHERE kind = 'approval.timed_out'"));
        Assert.Equal(Gates, await ScalarAsync(server.DatabasePath, "SELECT COUNT(DISTINCT run_id) FROM audit_events WHERE kind = 'approval.timed_out'"));
        Assert.All(runs, runId => Assert.Equal(1, counter.CountOf("late", runId)));
    }

    private static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"waited 90 s for {what}");
    }
}
