using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RunbookOrchestrator.Server.Persistence.Migrations;

/// <summary>The hash-chained audit trail: <c>audit_events</c> (append-only, enforced by triggers as defence in depth) and the
/// one-row <c>audit_head</c> anchor, seeded with the genesis hash. Table DDL generated from the model by GenerateCreateScript (SQLite).</summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261122020000_AuditTrail")]
public sealed class AuditTrail : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "audit_events" (
                "sequence" INTEGER NOT NULL CONSTRAINT "pk_audit_events" PRIMARY KEY,
                "at" INTEGER NOT NULL,
                "kind" TEXT NOT NULL,
                "actor_kind" TEXT NOT NULL,
                "actor_name" TEXT NOT NULL,
                "run_id" TEXT NULL,
                "step_id" TEXT NULL,
                "channel" TEXT NULL,
                "client_address" TEXT NULL,
                "reason" TEXT NULL,
                "data_json" TEXT NULL,
                "prev_hash" TEXT NOT NULL,
                "hash" TEXT NOT NULL
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "audit_head" (
                "id" INTEGER NOT NULL CONSTRAINT "pk_audit_head" PRIMARY KEY,
                "sequence" INTEGER NOT NULL,
                "hash" TEXT NOT NULL,
                CONSTRAINT "ck_audit_head_single_row" CHECK (id = 1)
            )
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "ix_audit_events_at" ON "audit_events" ("at")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "ix_audit_events_run_id" ON "audit_events" ("run_id")
            """);
        migrationBuilder.Sql("""
            INSERT INTO "audit_head" ("id", "sequence", "hash") VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000')
            """);
        // Defence in depth only: anyone who can write the file can drop these; the hash chain and the head are what detect tampering.
        migrationBuilder.Sql("""
            CREATE TRIGGER "audit_events_no_update" BEFORE UPDATE ON "audit_events"
            BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "audit_events_no_delete" BEFORE DELETE ON "audit_events"
            BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "audit_head_forward_only" BEFORE UPDATE ON "audit_head"
            WHEN NEW."sequence" <= OLD."sequence"
              OR NOT EXISTS (SELECT 1 FROM "audit_events" WHERE "sequence" = NEW."sequence" AND "hash" = NEW."hash")
            BEGIN SELECT RAISE(ABORT, 'audit_head only moves forward, to an existing audit event'); END
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "audit_head_no_delete" BEFORE DELETE ON "audit_head"
            BEGIN SELECT RAISE(ABORT, 'audit_head cannot be deleted'); END
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var trigger in new[] { "audit_head_no_delete", "audit_head_forward_only", "audit_events_no_delete", "audit_events_no_update" })
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{trigger}\"");
        foreach (var table in new[] { "audit_head", "audit_events" })
            migrationBuilder.Sql($"DROP TABLE IF EXISTS \"{table}\"");
    }
}
