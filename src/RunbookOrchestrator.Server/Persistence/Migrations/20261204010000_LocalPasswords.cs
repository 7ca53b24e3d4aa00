using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RunbookOrchestrator.Server.Persistence.Migrations;

/// <summary>Local sign-in: a user may have a password (ASP.NET Core Identity's hash format), and failed sign-ins lock the account for a while.</summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261204010000_LocalPasswords")]
public sealed class LocalPasswords : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""ALTER TABLE "users" ADD COLUMN "password_hash" TEXT NULL""");
        migrationBuilder.Sql("""ALTER TABLE "users" ADD COLUMN "failed_sign_ins" INTEGER NOT NULL DEFAULT 0""");
        migrationBuilder.Sql("""ALTER TABLE "users" ADD COLUMN "locked_until" INTEGER NULL""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""ALTER TABLE "users" DROP COLUMN "locked_until" """);
        migrationBuilder.Sql("""ALTER TABLE "users" DROP COLUMN "failed_sign_ins" """);
        migrationBuilder.Sql("""ALTER TABLE "users" DROP COLUMN "password_hash" """);
    }
}
