using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RunbookOrchestrator.Server.Persistence.Migrations;

/// <summary>One-time links to choose a password: the first administrator gets one instead of a default password.</summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261204030000_SignInLinks")]
public sealed class SignInLinks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "sign_in_links" (
                "token_hash" TEXT NOT NULL CONSTRAINT "pk_sign_in_links" PRIMARY KEY,
                "user_name" TEXT NOT NULL,
                "created_at" INTEGER NOT NULL,
                "expires_at" INTEGER NOT NULL,
                "used_at" INTEGER NULL
            )
            """);
        migrationBuilder.Sql("""CREATE INDEX "ix_sign_in_links_user_name" ON "sign_in_links" ("user_name")""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TABLE "sign_in_links" """);
    }
}
