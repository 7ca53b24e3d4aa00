using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RunbookOrchestrator.Server.Persistence.Migrations;

/// <summary>Approver entries of every gate in their own indexed table, filled from the existing gates' JSON lists, so the
/// approvals list can select a reviewer's gates by index instead of reading everybody's. Also indexes gates by requester.</summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261203120000_GateApprovers")]
public sealed class GateApprovers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "approval_gate_approvers" (
                "gate_id" TEXT NOT NULL,
                "entry" TEXT NOT NULL,
                CONSTRAINT "pk_approval_gate_approvers" PRIMARY KEY ("gate_id", "entry")
            )
            """);
        migrationBuilder.Sql("""CREATE INDEX "ix_approval_gate_approvers_entry_gate_id" ON "approval_gate_approvers" ("entry", "gate_id")""");
        // Existing lists: SQLite's json_each reads them; lower(trim()) matches the canonical form for the ASCII names in use.
        migrationBuilder.Sql("""
            INSERT OR IGNORE INTO "approval_gate_approvers" ("gate_id", "entry")
            SELECT g."id", lower(trim(j."value")) FROM "approval_gates" g, json_each(g."approvers_json") j
            """);
        migrationBuilder.Sql("""CREATE INDEX "ix_approval_gates_requester_kind_requester_name" ON "approval_gates" ("requester_kind", "requester_name")""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP INDEX IF EXISTS "ix_approval_gates_requester_kind_requester_name" """);
        migrationBuilder.Sql("""DROP TABLE IF EXISTS "approval_gate_approvers" """);
    }
}
