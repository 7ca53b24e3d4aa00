using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RunbookOrchestrator.Server.Persistence.Migrations;

/// <summary>Records the final outcome of a completion callback on its outbox row: the receiver's last status and when delivery was
/// given up (instead of retrying for ever), and indexes rows by run so a run's response can show its callback.</summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261203100000_CallbackFailure")]
public sealed class CallbackFailure : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""ALTER TABLE "outbox_messages" ADD COLUMN "last_status" INTEGER NULL""");
        migrationBuilder.Sql("""ALTER TABLE "outbox_messages" ADD COLUMN "failed_at" INTEGER NULL""");
        migrationBuilder.Sql("""CREATE INDEX "ix_outbox_messages_run_id" ON "outbox_messages" ("run_id")""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP INDEX IF EXISTS "ix_outbox_messages_run_id" """);
        migrationBuilder.Sql("""ALTER TABLE "outbox_messages" DROP COLUMN "failed_at" """);
        migrationBuilder.Sql("""ALTER TABLE "outbox_messages" DROP COLUMN "last_status" """);
    }
}
