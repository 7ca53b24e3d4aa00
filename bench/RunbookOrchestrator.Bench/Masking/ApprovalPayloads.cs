using System.Text.Json.Nodes;
using Bogus;

namespace RunbookOrchestrator.Bench.Masking;

/// <summary>Typical approval-context payloads: run metadata, resolved step parameters, a few PII fields and free text.</summary>
public static class ApprovalPayloads
{
    /// <summary>Generates <paramref name="count"/> payloads as JSON text, deterministically.</summary>
    public static IReadOnlyList<string> Generate(int count, int seed = 7)
    {
        var f = new Faker("en") { Random = new Randomizer(seed) };
        var v = new SensitiveValues(f);
        var n = new HardNegatives(f, v);
        var result = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var payload = new JsonObject
            {
                ["run"] = new JsonObject { ["id"] = n.Uuid(), ["runbook"] = "export-customer-data", ["version"] = f.Random.Int(1, 9), ["reason"] = f.Lorem.Sentence(12) },
                ["requester"] = new JsonObject { ["kind"] = "agent", ["name"] = f.Internet.UserName() },
                ["step"] = new JsonObject
                {
                    ["id"] = "fetch", ["uses"] = "sql.query", ["privileged"] = "data-export",
                    ["with"] = new JsonObject
                    {
                        ["connection"] = "crm",
                        ["query"] = "SELECT id, email, phone FROM customers WHERE id = @id AND created_at > @since",
                        ["parameters"] = new JsonObject { ["id"] = n.OrderNumber(), ["since"] = n.Timestamp() },
                        ["max_rows"] = 1000,
                    },
                },
                ["inputs"] = new JsonObject
                {
                    ["customer_email"] = v.Email(), ["phone"] = v.Phone(), ["note"] = f.Lorem.Paragraph(),
                    ["ticket"] = n.InvoiceNumber(), ["amount"] = f.Finance.Amount(), ["card_last_used"] = f.Random.Bool() ? v.Card() : "none",
                },
                ["context"] = new JsonArray(Enumerable.Range(0, 4).Select(_ => (JsonNode?)JsonValue.Create($"{n.Timestamp()} {f.Hacker.Phrase()} {n.GitSha()[..12]}")).ToArray()),
            };
            result.Add(payload.ToJsonString());
        }
        return result;
    }
}
