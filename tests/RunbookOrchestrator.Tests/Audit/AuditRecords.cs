using System.Text.Json.Nodes;
using Bogus;
using RunbookOrchestrator.Audit;

namespace RunbookOrchestrator.Tests.Audit;

/// <summary>Realistic audit records: decisions with people, channels, reasons and client addresses, and engine events.</summary>
public static class AuditRecords
{
    // Bogus is not thread-safe and test classes run in parallel: one faker per record.
    private static Faker Faker => new();

    public static AuditRecord Decision() => new(
        AuditEventKinds.ApprovalDecided,
        "human",
        Faker.Internet.UserName(),
        RunId: Guid.CreateVersion7().ToString("N"),
        StepId: "export",
        Channel: Faker.PickRandom("api", "slack", "teams", "email", "web"),
        ClientAddress: Faker.Internet.Ip(),
        Reason: Faker.Lorem.Sentence(),
        Data: new JsonObject { ["decision"] = Faker.PickRandom("approved", "rejected"), ["quorum"] = 2, ["approvers"] = new JsonArray("alice", "bob") });

    public static AuditRecord StepCompleted() => new(
        AuditEventKinds.StepCompleted,
        "system",
        "engine",
        RunId: Guid.CreateVersion7().ToString("N"),
        StepId: Faker.PickRandom("fetch", "notify", "scale"),
        Data: new JsonObject { ["outcome"] = "done", ["attempt"] = 1 });

    public static AuditRecord Any(int i) => i % 2 == 0 ? Decision() : StepCompleted();
}
