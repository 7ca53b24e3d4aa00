using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RunbookOrchestrator.Server.Persistence.Migrations;

/// <summary>Stores agent, owner and requester names in their canonical form (trimmed, lower-case), as the code now compares them.</summary>
/// <remarks>SQL can trim and lower-case ASCII but not apply Unicode NFKC; names written before this rule were
/// validated as ASCII for humans, and the code compares canonical forms on both sides anyway, so an old row with
/// full-width letters still matches its user. Audit records are not rewritten: the chain seals them as written.</remarks>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261203090000_CanonicalIdentityNames")]
public sealed class CanonicalIdentityNames : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""UPDATE "agent_keys" SET "agent_name" = lower(trim("agent_name")), "owner" = lower(trim("owner"))""");
        migrationBuilder.Sql("""UPDATE "runs" SET "requester_name" = lower(trim("requester_name")), "requester_owner" = lower(trim("requester_owner"))""");
        migrationBuilder.Sql("""UPDATE "approval_gates" SET "requester_name" = lower(trim("requester_name")), "requester_owner" = lower(trim("requester_owner"))""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // Original spellings are not kept; the canonical forms remain valid names for the older code.
    }
}
