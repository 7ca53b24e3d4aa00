using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RunbookOrchestrator.Server.Persistence.Migrations;

/// <summary>The first schema: agent keys, runs, step executions, signals, definition snapshots and the callback outbox.
/// DDL generated from the model by EF Core's GenerateCreateScript (SQLite) and checked in; Quartz creates its own qrtz_ tables.</summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261122010000_InitialSchema")]
public sealed class InitialSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "agent_keys" (
                "id" TEXT NOT NULL CONSTRAINT "pk_agent_keys" PRIMARY KEY,
                "agent_name" TEXT NOT NULL,
                "owner" TEXT NOT NULL,
                "allowed_runbooks" TEXT NOT NULL,
                "secret_hash" BLOB NOT NULL,
                "created_at" INTEGER NOT NULL,
                "revoked_at" INTEGER NULL
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "outbox_messages" (
                "id" INTEGER NOT NULL CONSTRAINT "pk_outbox_messages" PRIMARY KEY AUTOINCREMENT,
                "kind" TEXT NOT NULL,
                "run_id" TEXT NOT NULL,
                "target" TEXT NOT NULL,
                "payload_json" TEXT NOT NULL,
                "attempts" INTEGER NOT NULL,
                "next_attempt_at" INTEGER NOT NULL,
                "created_at" INTEGER NOT NULL,
                "delivered_at" INTEGER NULL,
                "last_error" TEXT NULL
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "run_signals" (
                "id" INTEGER NOT NULL CONSTRAINT "pk_run_signals" PRIMARY KEY AUTOINCREMENT,
                "run_id" TEXT NOT NULL,
                "kind" TEXT NOT NULL,
                "name" TEXT NOT NULL,
                "payload_json" TEXT NULL,
                "created_at" INTEGER NOT NULL
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "runbook_versions" (
                "hash" TEXT NOT NULL CONSTRAINT "pk_runbook_versions" PRIMARY KEY,
                "runbook_id" TEXT NOT NULL,
                "version" INTEGER NOT NULL,
                "definition_json" TEXT NOT NULL,
                "created_at" INTEGER NOT NULL
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "runs" (
                "id" TEXT NOT NULL CONSTRAINT "pk_runs" PRIMARY KEY,
                "runbook_id" TEXT NOT NULL,
                "runbook_version" INTEGER NOT NULL,
                "definition_hash" TEXT NOT NULL,
                "status" TEXT NOT NULL,
                "requester_kind" TEXT NOT NULL,
                "requester_name" TEXT NOT NULL,
                "requester_owner" TEXT NULL,
                "reason" TEXT NULL,
                "inputs_json" TEXT NOT NULL,
                "state_json" TEXT NOT NULL,
                "error" TEXT NULL,
                "idempotency_key" TEXT NULL,
                "idempotency_fingerprint" TEXT NULL,
                "callback_url" TEXT NULL,
                "parent_run_id" TEXT NULL,
                "parent_step_id" TEXT NULL,
                "cancel_requested" INTEGER NOT NULL,
                "created_at" INTEGER NOT NULL,
                "updated_at" INTEGER NOT NULL,
                "completed_at" INTEGER NULL,
                "lease_owner" TEXT NULL,
                "lease_expires_at" INTEGER NULL,
                "wake_at" INTEGER NULL,
                "execution_count" INTEGER NOT NULL,
                "last_signal_id" INTEGER NOT NULL
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "step_executions" (
                "id" TEXT NOT NULL CONSTRAINT "pk_step_executions" PRIMARY KEY,
                "run_id" TEXT NOT NULL,
                "step_id" TEXT NOT NULL,
                "attempt" INTEGER NOT NULL,
                "status" TEXT NOT NULL,
                "sequence" INTEGER NOT NULL,
                "fork_path" TEXT NOT NULL,
                "due_at" INTEGER NULL,
                "wait_event" TEXT NULL,
                "wait_until" INTEGER NULL,
                "bookmark_state_json" TEXT NULL,
                "outcome" TEXT NULL,
                "error" TEXT NULL,
                "output_json" TEXT NULL,
                "created_at" INTEGER NOT NULL,
                "started_at" INTEGER NULL,
                "completed_at" INTEGER NULL,
                CONSTRAINT "fk_step_executions_run_id" FOREIGN KEY ("run_id") REFERENCES "runs" ("id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "ix_agent_keys_agent_name" ON "agent_keys" ("agent_name")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "ix_outbox_messages_delivered_at_next_attempt_at" ON "outbox_messages" ("delivered_at", "next_attempt_at")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "ix_run_signals_run_id_id" ON "run_signals" ("run_id", "id")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "ix_runbook_versions_runbook_id_version" ON "runbook_versions" ("runbook_id", "version")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "ix_runs_created_at" ON "runs" ("created_at")
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "ix_runs_idempotency_key" ON "runs" ("idempotency_key")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "ix_runs_lease_owner" ON "runs" ("lease_owner")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "ix_runs_runbook_id_created_at" ON "runs" ("runbook_id", "created_at")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "ix_runs_wake_at" ON "runs" ("wake_at")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "ix_step_executions_run_id_status" ON "step_executions" ("run_id", "status")
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "step_executions", "run_signals", "outbox_messages", "runbook_versions", "runs", "agent_keys" })
            migrationBuilder.Sql($"DROP TABLE IF EXISTS \"{table}\"");
    }
}
