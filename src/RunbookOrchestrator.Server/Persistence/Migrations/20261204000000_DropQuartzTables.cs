using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RunbookOrchestrator.Server.Persistence.Migrations;

/// <summary>Timers moved from Quartz.NET to Hangfire (its own storage file): Quartz's tables go. Their pending triggers are not carried
/// over because none is needed: at start the timers are rebuilt from the step executions that wait (see <c>TimerRecovery</c>).</summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261204000000_DropQuartzTables")]
public sealed class DropQuartzTables : Migration
{
    // Children before parents: the trigger tables reference qrtz_triggers, which references qrtz_job_details.
    private static readonly string[] Tables =
    [
        "QRTZ_FIRED_TRIGGERS", "QRTZ_PAUSED_TRIGGER_GRPS", "QRTZ_SCHEDULER_STATE", "QRTZ_LOCKS", "QRTZ_SIMPLE_TRIGGERS",
        "QRTZ_SIMPROP_TRIGGERS", "QRTZ_CRON_TRIGGERS", "QRTZ_BLOB_TRIGGERS", "QRTZ_TRIGGERS", "QRTZ_JOB_DETAILS", "QRTZ_CALENDARS",
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables) migrationBuilder.Sql($"""DROP TABLE IF EXISTS "{table}" """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // Nothing to restore: Quartz created its tables itself when it ran.
    }
}
