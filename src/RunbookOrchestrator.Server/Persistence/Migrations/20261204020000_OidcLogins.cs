using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RunbookOrchestrator.Server.Persistence.Migrations;

/// <summary>OpenID Connect sign-in: an account belongs to one provider subject, at most one account per subject.</summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261204020000_OidcLogins")]
public sealed class OidcLogins : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""ALTER TABLE "users" ADD COLUMN "login_provider" TEXT NULL""");
        migrationBuilder.Sql("""ALTER TABLE "users" ADD COLUMN "login_subject" TEXT NULL""");
        migrationBuilder.Sql("""CREATE UNIQUE INDEX "ix_users_login_provider_login_subject" ON "users" ("login_provider", "login_subject")""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP INDEX "ix_users_login_provider_login_subject" """);
        migrationBuilder.Sql("""ALTER TABLE "users" DROP COLUMN "login_subject" """);
        migrationBuilder.Sql("""ALTER TABLE "users" DROP COLUMN "login_provider" """);
    }
}
