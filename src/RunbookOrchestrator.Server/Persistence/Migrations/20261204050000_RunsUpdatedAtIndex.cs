using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RunbookOrchestrator.Server.Persistence.Migrations;

/// <summary>The runs-list stream asks "which runs changed since" every second per open list: an index on <c>updated_at</c>.</summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261204050000_RunsUpdatedAtIndex")]
public sealed class RunsUpdatedAtIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""CREATE INDEX IF NOT EXISTS "ix_runs_updated_at" ON "runs" ("updated_at")""");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""DROP INDEX IF EXISTS "ix_runs_updated_at" """);
}
