using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RunbookOrchestrator.Server.Persistence.Migrations;

/// <summary>Reviewer channels: the outbox of messages (<c>deliveries</c>), the reviewers' links (<c>review_links</c>) and accepted channel callbacks (<c>seen_requests</c>, against replays).</summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261204040000_ReviewChannels")]
public sealed class ReviewChannels : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "deliveries" (
                "id" TEXT NOT NULL CONSTRAINT "pk_deliveries" PRIMARY KEY,
                "dedupe_key" TEXT NOT NULL,
                "gate_id" TEXT NOT NULL,
                "run_id" TEXT NOT NULL,
                "channel" TEXT NOT NULL,
                "recipient" TEXT NOT NULL,
                "kind" TEXT NOT NULL,
                "stage" INTEGER NOT NULL,
                "status" TEXT NOT NULL,
                "attempts" INTEGER NOT NULL,
                "next_attempt_at" INTEGER NOT NULL,
                "last_error" TEXT NULL,
                "created_at" INTEGER NOT NULL,
                "sent_at" INTEGER NULL,
                "external_ref" TEXT NULL
            )
            """);
        migrationBuilder.Sql("""CREATE UNIQUE INDEX "ix_deliveries_dedupe_key" ON "deliveries" ("dedupe_key")""");
        migrationBuilder.Sql("""CREATE INDEX "ix_deliveries_gate_id" ON "deliveries" ("gate_id")""");
        migrationBuilder.Sql("""CREATE INDEX "ix_deliveries_status_next_attempt_at" ON "deliveries" ("status", "next_attempt_at")""");
        migrationBuilder.Sql("""
            CREATE TABLE "review_links" (
                "id" TEXT NOT NULL CONSTRAINT "pk_review_links" PRIMARY KEY,
                "gate_id" TEXT NOT NULL,
                "reviewer" TEXT NOT NULL,
                "created_at" INTEGER NOT NULL,
                "expires_at" INTEGER NOT NULL,
                "used_at" INTEGER NULL
            )
            """);
        migrationBuilder.Sql("""CREATE INDEX "ix_review_links_gate_id_reviewer" ON "review_links" ("gate_id", "reviewer")""");
        migrationBuilder.Sql("""CREATE TABLE "seen_requests" ("key" TEXT NOT NULL CONSTRAINT "pk_seen_requests" PRIMARY KEY, "seen_at" INTEGER NOT NULL)""");
        migrationBuilder.Sql("""CREATE INDEX "ix_seen_requests_seen_at" ON "seen_requests" ("seen_at")""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TABLE "seen_requests" """);
        migrationBuilder.Sql("""DROP TABLE "review_links" """);
        migrationBuilder.Sql("""DROP TABLE "deliveries" """);
    }
}
