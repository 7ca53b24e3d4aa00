using Microsoft.Data.Sqlite;
using RunbookOrchestrator.Tests.Hosting;
using RunbookOrchestrator.Tests.Process;

namespace RunbookOrchestrator.Tests.Durability;

/// <summary>Approval timers are durable: a server killed between a gate's reminder and its timeout still times the gate out, once.</summary>
// Eight seconds between the reminder and the timeout: with two, a loaded CI machine (every test class at once) woke the
// gate after its deadline had passed too, and it timed out without the reminder the test waits for.
public sealed class GateTimersSurviveRestartTests
{
    private static (string File, string Yaml) ReminderGate() => ("reminder-gate.yaml", """
        id: reminder-gate
        version: 1
        owners: [sre]
        inputs:
          counter: { type: string, required: true }
        steps:
          - id: ask
            uses: approval
            with:
              approvers: [group:sre]
              timeout: 10s
              escalate: [{ after: 2s, add: [group:security] }]
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
    public async Task A_gate_killed_after_its_reminder_times_out_once_after_restart_and_takes_its_timed_out_branch()
    {
        await using var counter = await HitCounter.StartAsync();
        await using var server = new ServerProcess([ReminderGate()]);
        await server.StartAsync();

        var runId = await server.Client.StartAsync("reminder-gate", new { counter = counter.BaseUrl });
        await WaitUntilAsync(async () => await CountAuditAsync(server.DatabasePath, "approval.reminded", runId) == 1, "the reminder");
        Assert.Equal(0, await CountAuditAsync(server.DatabasePath, "approval.timed_out", runId));

        await server.KillAsync();
        await server.StartAsync();
        var run = await server.Client.WaitForEndAsync(runId, timeoutSeconds: 120);

        Assert.Equal("succeeded", run.Status());
        Assert.Equal("timed_out", run["steps"]![0]!["outcome"]!.GetValue<string>());
        Assert.Equal(1, counter.CountOf("late", runId));
        Assert.Equal(1, await CountAuditAsync(server.DatabasePath, "approval.timed_out", runId));
        Assert.Equal(1, await CountAuditAsync(server.DatabasePath, "approval.reminded", runId));
    }

    private static async Task<long> CountAuditAsync(string database, string kind, string runId)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM audit_events WHERE kind = $kind AND run_id = $run";
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$run", runId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"waited 60 s for {what}");
    }
}
