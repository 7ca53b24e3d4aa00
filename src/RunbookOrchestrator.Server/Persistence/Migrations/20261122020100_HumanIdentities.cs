using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RunbookOrchestrator.Server.Persistence.Migrations;

/// <summary>Human identities: users, their group memberships and their personal tokens (hashed).
/// DDL generated from the model by EF Core's GenerateCreateScript (SQLite) and checked in.</summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261122020100_HumanIdentities")]
public sealed class HumanIdentities : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "users" (
                "name" TEXT NOT NULL CONSTRAINT "pk_users" PRIMARY KEY,
                "display_name" TEXT NOT NULL,
                "email" TEXT NULL,
                "disabled" INTEGER NOT NULL,
                "created_at" INTEGER NOT NULL
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "user_groups" (
                "user_name" TEXT NOT NULL,
                "group_name" TEXT NOT NULL,
                CONSTRAINT "pk_user_groups" PRIMARY KEY ("user_name", "group_name"),
                CONSTRAINT "fk_user_groups_user_name" FOREIGN KEY ("user_name") REFERENCES "users" ("name") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "user_tokens" (
                "id" TEXT NOT NULL CONSTRAINT "pk_user_tokens" PRIMARY KEY,
                "user_name" TEXT NOT NULL,
                "label" TEXT NOT NULL,
                "token_hash" BLOB NOT NULL,
                "created_at" INTEGER NOT NULL,
                "revoked_at" INTEGER NULL
            )
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "ix_user_groups_group_name" ON "user_groups" ("group_name")
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "ix_user_tokens_token_hash" ON "user_tokens" ("token_hash")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "ix_user_tokens_user_name" ON "user_tokens" ("user_name")
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "user_tokens", "user_groups", "users" })
            migrationBuilder.Sql($"DROP TABLE IF EXISTS \"{table}\"");
    }
}
