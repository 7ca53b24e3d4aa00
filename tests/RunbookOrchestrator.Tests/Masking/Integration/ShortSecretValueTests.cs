using System.Text.Json.Nodes;
using Bogus;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Masking.Integration;

/// <summary>A value too short for any detector (a 4-digit PIN) is still masked where its classification makes it sensitive:
/// in the run, and where a template puts it into text a reviewer reads.</summary>
public sealed class ShortSecretValueTests : IDisposable
{
    private readonly OrchestratorApp _app = new(("reset.yaml", """
        id: reset-pin
        version: 1
        owners: [data-owners]
        inputs:
          pin: { type: string, required: true, classification: secret }
          holder: { type: string, required: true, classification: pii }
        steps:
          - id: ask
            uses: approval
            with:
              approvers: [group:data-owners]
              timeout: 1h
              context: "Reset PIN {{ inputs.pin }} of card holder {{ inputs.holder }}"
        """));

    [Fact]
    public async Task A_short_secret_or_personal_input_never_reaches_the_run_or_the_review_raw()
    {
        var faker = new Faker();
        var pin = faker.Random.Number(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var first = faker.Name.FirstName();
        var holder = first[..Math.Min(5, first.Length)];
        var agent = await _app.AgentClientAsync();
        using var reviewer = await _app.HumanClientAsync("rev-" + faker.Random.AlphaNumeric(6).ToLowerInvariant(), "data-owners");

        var runId = await agent.StartAsync("reset-pin", new { pin, holder });
        await agent.WaitForAsync(runId, r => r["waiting_for"] is JsonArray { Count: > 0 });
        var run = await agent.GetStringAsync($"/api/runs/{runId}");
        var approvals = await reviewer.GetStringAsync("/api/approvals?status=pending");

        var inputs = JsonNode.Parse(run)!["inputs"]!;
        Assert.NotEqual(pin, inputs["pin"]!.GetValue<string>());
        Assert.NotEqual(holder, inputs["holder"]!.GetValue<string>());
        var context = JsonNode.Parse(approvals)!["items"]!.AsArray().Single(a => a!["run_id"]!.GetValue<string>() == runId)!["context"]!.GetValue<string>();
        Assert.StartsWith("Reset PIN ", context);
        Assert.DoesNotContain(pin, context);
        Assert.DoesNotContain(holder, context);
    }

    public void Dispose() => _app.Dispose();
}
