using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Channels;

/// <summary>A local Teams webhook checking cards against the Adaptive Card 1.5 schema, and the orchestrator posting to it.</summary>
public sealed class TeamsReviewFixture : IAsyncLifetime
{
    public TeamsWebhookReceiver Teams { get; private set; } = null!;
    public OrchestratorApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Teams = await TeamsWebhookReceiver.StartAsync();
        App = new OrchestratorApp(("export.yaml", """
                id: export
                version: 1
                owners: [data-owners]
                steps:
                  - id: ask
                    uses: approval
                    with: { approvers: [group:data-owners], channels: [teams], timeout: 1h }
                """))
            .With("Channels:Teams:WebhookUrl", Teams.Url)
            .With("Channels:PublicBaseUrl", "https://rbo.example.com");
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Teams.DisposeAsync();
    }
}

/// <summary>Teams reviews: a schema-valid Adaptive Card whose only action opens the approval page, with requester text inert.</summary>
public sealed class TeamsReviewTests(TeamsReviewFixture fixture) : IClassFixture<TeamsReviewFixture>
{
    private async Task<(HttpClient Agent, string RunId, string GateId)> PendingGateAsync(string reason)
    {
        var agent = await fixture.App.AgentClientAsync($"reporter-{Guid.NewGuid():N}"[..20]);
        var runId = await agent.StartAsync("export", null, reason);
        await agent.WaitForAsync(runId, r => r["waiting_for"] is JsonArray { Count: > 0 });
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<OrchestratorDbContext>>().CreateDbContextAsync();
        return (agent, runId, (await db.Set<ApprovalGateData>().FirstAsync(g => g.RunId == runId)).Id);
    }

    [Fact]
    public async Task The_review_card_conforms_to_adaptive_cards_1_5_and_opens_the_approval_page()
    {
        var (_, _, gateId) = await PendingGateAsync("quarterly numbers");

        var card = await fixture.Teams.WaitForCardAsync(c => c.ToJsonString().Contains(Uri.EscapeDataString(gateId), StringComparison.Ordinal));
        var actions = card["actions"]!.AsArray();

        Assert.Null(TeamsWebhookReceiver.Problems(card));
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        Assert.Equal("Action.OpenUrl", Assert.Single(actions)!["type"]!.GetValue<string>());
        Assert.Equal($"https://rbo.example.com/approvals/{Uri.EscapeDataString(gateId)}", actions[0]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_requesters_reason_is_a_text_run_never_markdown()
    {
        const string reason = "**Approved by security** [click](https://evil.example)";
        var (_, _, gateId) = await PendingGateAsync(reason);

        var card = await fixture.Teams.WaitForCardAsync(c => c.ToJsonString().Contains(Uri.EscapeDataString(gateId), StringComparison.Ordinal));
        var holders = Descendants(card).Where(n => n["text"]?.GetValue<string>() == reason).ToList();

        Assert.Equal("TextRun", Assert.Single(holders)["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_outcome_goes_out_as_a_card_of_its_own()
    {
        var (agent, runId, gateId) = await PendingGateAsync("weekly export");
        await fixture.Teams.WaitForCardAsync(c => c.ToJsonString().Contains(Uri.EscapeDataString(gateId), StringComparison.Ordinal));
        using var greta = await fixture.App.HumanClientAsync($"approver-{Guid.NewGuid():N}"[..18], "data-owners");

        (await greta.PostAsJsonAsync($"/api/approvals/{gateId}/decisions", new { decision = "approve" })).EnsureSuccessStatusCode();
        await agent.WaitForEndAsync(runId);
        var outcome = await fixture.Teams.WaitForCardAsync(c =>
            c.ToJsonString().Contains(Uri.EscapeDataString(gateId), StringComparison.Ordinal) && c.ToJsonString().Contains("Approval approved", StringComparison.Ordinal));

        Assert.Null(TeamsWebhookReceiver.Problems(outcome));
        Assert.Empty(fixture.Teams.Refusals);
    }

    [Fact]
    public async Task A_failed_post_is_retried_with_backoff_and_its_state_shows_in_the_approval()
    {
        fixture.Teams.FailNext(1);
        var (_, _, gateId) = await PendingGateAsync("retry me");
        await fixture.Teams.WaitForCardAsync(c => c.ToJsonString().Contains(Uri.EscapeDataString(gateId), StringComparison.Ordinal));
        using var viewer = await fixture.App.HumanClientAsync($"viewer-{Guid.NewGuid():N}"[..16], "auditors");

        JsonObject delivery;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            delivery = JsonNode.Parse(await viewer.GetStringAsync($"/api/approvals/{gateId}"))!["deliveries"]!.AsArray().Single()!.AsObject();
            if (delivery["status"]!.GetValue<string>() == "sent") break;
            await Task.Delay(50);
        } while (DateTime.UtcNow < deadline);

        Assert.Equal("sent", delivery["status"]!.GetValue<string>());
        Assert.Equal(2, delivery["attempts"]!.GetValue<int>());
        Assert.Contains("503", delivery["last_error"]?.GetValue<string>() ?? "(no error kept)");
    }

    [Fact]
    public void The_receivers_schema_check_refuses_a_card_Teams_could_not_render()
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard", ["version"] = "1.5",
            ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = "hi", ["weight"] = "Heavy" }),
        };

        Assert.NotNull(TeamsWebhookReceiver.Problems(card));
    }

    private static IEnumerable<JsonObject> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Descendants(p.Value))),
        JsonArray a => a.SelectMany(Descendants),
        _ => [],
    };
}
