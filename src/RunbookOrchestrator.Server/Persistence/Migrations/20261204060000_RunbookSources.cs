using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RunbookOrchestrator.Server.Persistence.Migrations;

/// <summary>Every text a runbook had (designer saves and file changes), so versions can be listed, compared and downloaded.</summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261204060000_RunbookSources")]
public sealed class RunbookSources : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "runbook_sources" (
                "id" INTEGER NOT NULL CONSTRAINT "pk_runbook_sources" PRIMARY KEY AUTOINCREMENT,
                "runbook_id" TEXT NOT NULL,
                "version" INTEGER NOT NULL,
                "definition_hash" TEXT NOT NULL,
                "text_hash" TEXT NOT NULL,
                "text" TEXT NOT NULL,
                "origin" TEXT NOT NULL,
                "saved_by" TEXT NULL,
                "saved_at" INTEGER NOT NULL
            )
            """);
        migrationBuilder.Sql("""CREATE INDEX "ix_runbook_sources_runbook_id_id" ON "runbook_sources" ("runbook_id", "id")""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TABLE "runbook_sources" """);
    }
}
