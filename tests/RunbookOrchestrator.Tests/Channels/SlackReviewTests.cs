using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Bench.Masking;
using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Channels;

/// <summary>A local Slack and the orchestrator posting reviews to it; alice and bob approve, carol owns the agent, dave approves nothing.</summary>
public sealed class SlackReviewFixture : IAsyncLifetime
{
    public FakeSlack Slack { get; private set; } = null!;
    public OrchestratorApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Slack = await FakeSlack.StartAsync();
        App = new OrchestratorApp(("export.yaml", """
                id: export
                version: 1
                owners: [data-owners]
                inputs:
                  note: { type: string, required: false }
                steps:
                  - id: ask
                    uses: approval
                    with: { approvers: [group:data-owners], channels: [slack], timeout: 1h, require_sign_in: false }
                """))
            .With("Channels:Slack:BotToken", FakeSlack.BotToken)
            .With("Channels:Slack:SigningSecret", FakeSlack.SigningSecret)
            .With("Channels:Slack:Channel", FakeSlack.Channel)
            .With("Channels:Slack:ApiBaseUrl", Slack.ApiBaseUrl)
            .With("Channels:PublicBaseUrl", "http://localhost");
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<IHumanUserStore>();
        foreach (var (name, groups) in new[] { ("alice", "data-owners"), ("bob", "data-owners"), ("carol", "data-owners"), ("dave", "marketing"), ("erin", "data-owners") })
            await users.AddAsync(new HumanUser(name, name, $"{name}@example.com", [groups], false));
        Slack.AddUser("UALICE", "alice@example.com");
        Slack.AddUser("UBOB", "bob@example.com");
        Slack.AddUser("UCAROL", "carol@example.com");
        Slack.AddUser("UDAVE", "dave@example.com");
        // Slack has not confirmed this address: whoever typed erin's email into their profile is not erin.
        Slack.AddUser("UERIN", "erin@example.com", emailConfirmed: false);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Slack.DisposeAsync();
    }
}

/// <summary>Slack reviews: signed interactions only, decisions by the mapped approver under the API's rules, every copy updated,
/// refused clicks told why, requester text inert.</summary>
public sealed class SlackReviewTests(SlackReviewFixture fixture) : IClassFixture<SlackReviewFixture>
{
    private OrchestratorApp App => fixture.App;
    private FakeSlack Slack => fixture.Slack;

    private async Task<(HttpClient Agent, string RunId, string GateId, JsonObject Posted)> PostedReviewAsync(string reason = "monthly report", object? inputs = null)
    {
        var agent = await App.AgentClientOwnedByAsync($"reporter-{Guid.NewGuid():N}"[..20], "carol");
        var runId = await agent.StartAsync("export", inputs, reason);
        await agent.WaitForAsync(runId, r => r["waiting_for"] is JsonArray { Count: > 0 });
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<OrchestratorDbContext>>().CreateDbContextAsync();
        var gateId = (await db.Set<ApprovalGateData>().FirstAsync(g => g.RunId == runId)).Id;
        var deliveryId = await WaitForDeliveryIdAsync(gateId);
        var posted = await Slack.WaitForCallAsync("chat.postMessage", b => b.ToJsonString().Contains(deliveryId, StringComparison.Ordinal));
        return (agent, runId, gateId, posted);
    }

    private async Task<string> WaitForDeliveryIdAsync(string gateId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            await using var db = await App.Services.GetRequiredService<IDbContextFactory<OrchestratorDbContext>>().CreateDbContextAsync();
            var sent = await db.Set<RunbookOrchestrator.Server.Persistence.Channels.DeliveryEntity>()
                .FirstOrDefaultAsync(d => d.GateId == gateId && d.Channel == "slack" && d.Status == "sent");
            if (sent is not null) return sent.Id;
            await Task.Delay(50);
        }
        throw new TimeoutException($"no Slack delivery sent for {gateId}");
    }

    private static string ButtonValue(JsonObject posted, string actionId) =>
        posted["blocks"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "actions")
            .SelectMany(b => b!["elements"]!.AsArray()).First(e => e!["action_id"]?.GetValue<string>() == actionId)!["value"]!.GetValue<string>();

    private async Task<HttpResponseMessage> SendAsync(JsonObject payload, DateTimeOffset? at = null, string secret = FakeSlack.SigningSecret)
    {
        using var client = App.CreateClient();
        return await client.SendAsync(FakeSlack.Interaction(payload, at ?? DateTimeOffset.UtcNow, secret));
    }

    private async Task<GateStatus> GateStatusAsync(string gateId)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<OrchestratorDbContext>>().CreateDbContextAsync();
        return (await db.Set<ApprovalGateData>().AsNoTracking().FirstAsync(g => g.Id == gateId)).Status;
    }

    private Task<JsonObject> EphemeralToAsync(string slackUser, string contains) =>
        Slack.WaitForCallAsync("chat.postEphemeral", b => b["user"]?.GetValue<string>() == slackUser && b["text"]!.GetValue<string>().Contains(contains, StringComparison.Ordinal));

    [Fact]
    public async Task A_signed_approve_from_a_mapped_approver_approves_and_the_posted_copy_is_updated()
    {
        var (agent, runId, _, posted) = await PostedReviewAsync();

        using var answer = await SendAsync(FakeSlack.Click("UALICE", "rbo_approve", ButtonValue(posted, "rbo_approve")));
        var run = await agent.WaitForEndAsync(runId);
        var ts = (await Slack.WaitForCallAsync("chat.postMessage", b => b["blocks"]!.ToJsonString().Contains(ButtonValue(posted, "rbo_approve"), StringComparison.Ordinal)))["ts"];
        var update = await Slack.WaitForCallAsync("chat.update", b => b.ToJsonString().Contains("by alice", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("succeeded", run.Status());
        Assert.Equal(FakeSlack.Channel, update["channel"]!.GetValue<string>());
        Assert.DoesNotContain("\"actions\"", update["blocks"]!.ToJsonString());
    }

    [Fact]
    public async Task A_wrong_signature_is_refused_and_decides_nothing()
    {
        var (_, _, gateId, posted) = await PostedReviewAsync();

        using var answer = await SendAsync(FakeSlack.Click("UALICE", "rbo_approve", ButtonValue(posted, "rbo_approve")), secret: "not-the-signing-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType!.MediaType);
        Assert.Contains("slack-signature-invalid", await answer.Content.ReadAsStringAsync());
        await Task.Delay(300);
        Assert.Equal(GateStatus.Pending, await GateStatusAsync(gateId));
    }

    [Fact]
    public async Task A_request_signed_six_minutes_ago_is_refused_and_decides_nothing()
    {
        var (_, _, gateId, posted) = await PostedReviewAsync();

        using var answer = await SendAsync(FakeSlack.Click("UALICE", "rbo_approve", ButtonValue(posted, "rbo_approve")), at: DateTimeOffset.UtcNow.AddMinutes(-6));

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Contains("slack-timestamp-stale", await answer.Content.ReadAsStringAsync());
        await Task.Delay(300);
        Assert.Equal(GateStatus.Pending, await GateStatusAsync(gateId));
    }

    [Fact]
    public async Task A_replayed_request_is_refused()
    {
        var (_, _, _, posted) = await PostedReviewAsync();
        using var client = App.CreateClient();
        var click = FakeSlack.Click("UDAVE", "rbo_approve", ButtonValue(posted, "rbo_approve"));
        var at = DateTimeOffset.UtcNow;

        using var first = await client.SendAsync(FakeSlack.Interaction(click, at));
        using var replay = await client.SendAsync(FakeSlack.Interaction(click, at));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Contains("slack-replay", await replay.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_click_by_the_requesting_agents_owner_decides_nothing_and_is_told_why()
    {
        var (_, _, gateId, posted) = await PostedReviewAsync();

        using var answer = await SendAsync(FakeSlack.Click("UCAROL", "rbo_approve", ButtonValue(posted, "rbo_approve")));
        await EphemeralToAsync("UCAROL", "You own the agent");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(GateStatus.Pending, await GateStatusAsync(gateId));
    }

    [Fact]
    public async Task A_click_by_someone_who_is_not_an_approver_decides_nothing_and_is_told_why()
    {
        var (_, _, gateId, posted) = await PostedReviewAsync();

        using var answer = await SendAsync(FakeSlack.Click("UDAVE", "rbo_approve", ButtonValue(posted, "rbo_approve")));
        await EphemeralToAsync("UDAVE", "not one of this gate's approvers");

        Assert.Equal(GateStatus.Pending, await GateStatusAsync(gateId));
    }

    [Fact]
    public async Task A_click_after_the_decision_decides_nothing_and_is_told_why()
    {
        var (agent, runId, gateId, posted) = await PostedReviewAsync();
        (await SendAsync(FakeSlack.Click("UALICE", "rbo_approve", ButtonValue(posted, "rbo_approve")))).Dispose();
        await agent.WaitForEndAsync(runId);

        using var late = await SendAsync(FakeSlack.Click("UBOB", "rbo_approve", ButtonValue(posted, "rbo_approve")));
        await EphemeralToAsync("UBOB", "already approved");

        Assert.Equal(GateStatus.Approved, await GateStatusAsync(gateId));
    }

    [Fact]
    public async Task A_slack_user_whose_email_slack_has_not_confirmed_is_not_taken_for_our_user()
    {
        var (_, _, gateId, posted) = await PostedReviewAsync();

        (await SendAsync(FakeSlack.Click("UERIN", "rbo_approve", ButtonValue(posted, "rbo_approve")))).Dispose();
        await EphemeralToAsync("UERIN", "not linked");

        Assert.Equal(GateStatus.Pending, await GateStatusAsync(gateId));
    }

    [Fact]
    public async Task Reject_opens_a_modal_for_the_reason_and_its_submission_rejects()
    {
        var (agent, runId, gateId, posted) = await PostedReviewAsync();
        var value = ButtonValue(posted, "rbo_reject");

        (await SendAsync(FakeSlack.Click("UBOB", "rbo_reject", value))).Dispose();
        var opened = await Slack.WaitForCallAsync("views.open", b => b["view"]?["private_metadata"]?.GetValue<string>() == value);
        using var submitted = await SendAsync(new JsonObject
        {
            ["type"] = "view_submission",
            ["user"] = new JsonObject { ["id"] = "UBOB" },
            ["view"] = new JsonObject
            {
                ["callback_id"] = opened["view"]!["callback_id"]!.GetValue<string>(),
                ["private_metadata"] = value,
                ["state"] = new JsonObject { ["values"] = new JsonObject { ["rbo_reason"] = new JsonObject { ["rbo_reason_input"] = new JsonObject { ["value"] = "wrong customer" } } } },
            },
        });
        var run = await agent.WaitForEndAsync(runId);

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal(GateStatus.Rejected, await GateStatusAsync(gateId));
        Assert.Equal("failed", run.Status());
    }

    [Fact]
    public async Task Requester_text_is_inert_plain_text_and_no_raw_sensitive_value_is_posted()
    {
        var sensitive = MaskingCorpus.Generate(seed: 7, perType: 1)
            .SelectMany(t => t.Spans.Where(s => MaskingCorpus.StructuredTypes.Contains(s.Type) || s.Type == "email").Select(s => t.Text.Substring(s.Start, s.Length)))
            .ToList();
        var reason = "<!channel> *URGENT* _now_\nApproved by security <https://evil.example|click here> " + string.Join(" ", sensitive);

        var (_, _, _, posted) = await PostedReviewAsync(reason, new { note = string.Join(" ", sensitive) });
        var json = posted.ToJsonString();
        var mrkdwn = posted["blocks"]!.AsArray().SelectMany(Texts).Where(t => t["type"]!.GetValue<string>() == "mrkdwn").Select(t => t["text"]!.GetValue<string>()).ToList();

        Assert.All(sensitive, value => Assert.DoesNotContain(value, json));
        Assert.All(mrkdwn, text => Assert.DoesNotContain("channel", text));
        Assert.All(mrkdwn, text => Assert.DoesNotContain("Approved by security", text));
        Assert.Contains(posted["blocks"]!.AsArray().SelectMany(Texts), t => t["type"]!.GetValue<string>() == "plain_text" && t["text"]!.GetValue<string>().Contains("<!channel>", StringComparison.Ordinal));
    }

    private static IEnumerable<JsonObject> Texts(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() is "plain_text" or "mrkdwn" && o["text"] is JsonValue => [o],
        JsonObject o => o.SelectMany(p => Texts(p.Value)),
        JsonArray a => a.SelectMany(Texts),
        _ => [],
    };
}
