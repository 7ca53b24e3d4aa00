using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RunbookOrchestrator.Server.Persistence.Migrations;

/// <summary>Approval gates and decisions (one decision per person per gate). DDL generated from the model by EF Core's GenerateCreateScript (SQLite).</summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261122020200_ApprovalGates")]
public sealed class ApprovalGates : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "approval_decisions" (
                "id" INTEGER NOT NULL CONSTRAINT "pk_approval_decisions" PRIMARY KEY AUTOINCREMENT,
                "gate_id" TEXT NOT NULL,
                "approver" TEXT NOT NULL,
                "decision" TEXT NOT NULL,
                "reason" TEXT NULL,
                "channel" TEXT NOT NULL,
                "client_address" TEXT NULL,
                "at" INTEGER NOT NULL
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "approval_gates" (
                "id" TEXT NOT NULL CONSTRAINT "pk_approval_gates" PRIMARY KEY,
                "run_id" TEXT NOT NULL,
                "step_id" TEXT NOT NULL,
                "execution_id" TEXT NOT NULL,
                "source" TEXT NOT NULL,
                "rule_id" TEXT NULL,
                "action_hash" TEXT NOT NULL,
                "status" TEXT NOT NULL,
                "spec_json" TEXT NOT NULL,
                "approvers_json" TEXT NOT NULL,
                "quorum" INTEGER NOT NULL,
                "requester_kind" TEXT NOT NULL,
                "requester_name" TEXT NOT NULL,
                "requester_owner" TEXT NULL,
                "reason" TEXT NULL,
                "context_text" TEXT NOT NULL,
                "action_json" TEXT NOT NULL,
                "created_at" INTEGER NOT NULL,
                "deadline" INTEGER NULL,
                "escalation_level" INTEGER NOT NULL,
                "next_escalation_at" INTEGER NULL,
                "decided_at" INTEGER NULL,
                "decided_by" TEXT NULL,
                "decision_reason" TEXT NULL,
                "approved_until" INTEGER NULL,
                "version" INTEGER NOT NULL
            )
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "ix_approval_decisions_gate_id_approver" ON "approval_decisions" ("gate_id", "approver")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "ix_approval_gates_execution_id" ON "approval_gates" ("execution_id")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "ix_approval_gates_run_id" ON "approval_gates" ("run_id")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "ix_approval_gates_status_created_at" ON "approval_gates" ("status", "created_at")
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TABLE IF EXISTS \"approval_decisions\"");
        migrationBuilder.Sql("DROP TABLE IF EXISTS \"approval_gates\"");
    }
}
