using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RunbookOrchestrator.Server.Persistence.Migrations;

/// <summary>What a gate shows reviewers beyond its context (masked export summary, revealable fields) and the sealed values they may reveal.</summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261201080000_GateReview")]
public sealed class GateReview : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""ALTER TABLE "approval_gates" ADD COLUMN "review_json" TEXT NULL""");
        migrationBuilder.Sql("""ALTER TABLE "approval_gates" ADD COLUMN "reveal_vault" TEXT NULL""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""ALTER TABLE "approval_gates" DROP COLUMN "review_json" """);
        migrationBuilder.Sql("""ALTER TABLE "approval_gates" DROP COLUMN "reveal_vault" """);
    }
}
