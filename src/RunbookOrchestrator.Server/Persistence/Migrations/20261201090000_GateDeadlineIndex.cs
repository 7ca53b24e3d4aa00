using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RunbookOrchestrator.Server.Persistence.Migrations;

/// <summary>Index on <c>approval_gates (status, deadline)</c> for the sweep that times out overdue gates. DDL as EF Core's GenerateCreateScript writes it (SQLite).</summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261201090000_GateDeadlineIndex")]
public sealed class GateDeadlineIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE INDEX "ix_approval_gates_status_deadline" ON "approval_gates" ("status", "deadline")
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP INDEX IF EXISTS \"ix_approval_gates_status_deadline\"");
    }
}
