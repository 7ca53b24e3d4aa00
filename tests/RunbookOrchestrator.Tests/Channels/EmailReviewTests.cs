using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Server.Cli;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Server.Persistence.Channels;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Channels;

/// <summary>A real SMTP server and the orchestrator mailing reviews to it; alice and bob approve data exports, carol owns the agent.</summary>
public sealed class EmailReviewFixture : IAsyncLifetime
{
    public SmtpTestServer Smtp { get; } = SmtpTestServer.Start();
    public OrchestratorApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = new OrchestratorApp(
            ("export.yaml", Runbook("export", "require_sign_in: false, timeout: 1h")),
            ("signed.yaml", Runbook("signed", "require_sign_in: true, timeout: 1h")),
            ("short.yaml", Runbook("short", "require_sign_in: false, timeout: 3s")),
            ("staged.yaml", Runbook("staged", "require_sign_in: false, timeout: 8s, escalate: [{ after: 2s, add: [group:security-team] }, { after: 4s, add: [tom] }]")))
            .With("Channels:Email:Host", "127.0.0.1")
            .With("Channels:Email:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("Channels:Email:Tls", "None")
            .With("Channels:PublicBaseUrl", "http://localhost");
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<IHumanUserStore>();
        foreach (var name in new[] { "alice", "bob", "carol" })
            await users.AddAsync(new HumanUser(name, name, $"{name}@example.com", ["data-owners"], false));
        await users.AddAsync(new HumanUser("dave", "dave", "dave@example.com", ["marketing"], false));
        await users.AddAsync(new HumanUser("sam", "sam", "sam@example.com", ["security-team"], false));
        await users.AddAsync(new HumanUser("tom", "tom", "tom@example.com", ["cso"], false));
    }

    private static string Runbook(string id, string options) => $$"""
        id: {{id}}
        version: 1
        owners: [data-owners]
        inputs:
          customer_email: { type: string, required: false }
        steps:
          - id: ask
            uses: approval
            with: { approvers: [group:data-owners], channels: [email], {{options}} }
        """;

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>Email reviews: one link per eligible reviewer; opening a link decides nothing; only the page's POST decides, once.</summary>
public sealed partial class EmailReviewTests(EmailReviewFixture fixture) : IClassFixture<EmailReviewFixture>
{
    private OrchestratorApp App => fixture.App;

    private HttpClient Browser() => App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    /// <summary>Starts <paramref name="runbook"/> as an agent owned by carol and returns the gate, once it waits.</summary>
    private async Task<(HttpClient Agent, string RunId, string GateId)> PendingGateAsync(string runbook = "export", object? inputs = null, string reason = "monthly report")
    {
        var agent = await App.AgentClientOwnedByAsync($"reporter-{Guid.NewGuid():N}"[..20], "carol");
        var runId = await agent.StartAsync(runbook, inputs, reason);
        await agent.WaitForAsync(runId, r => r["waiting_for"] is JsonArray { Count: > 0 });
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<OrchestratorDbContext>>().CreateDbContextAsync();
        return (agent, runId, (await db.Set<ApprovalGateData>().FirstAsync(g => g.RunId == runId)).Id);
    }

    private async Task<MimeMessage> MailToAsync(string user, string gateId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (fixture.Smtp.To($"{user}@example.com").FirstOrDefault(m => m.References.Contains($"{gateId}@runbook-orchestrator")) is { } mail) return mail;
            await Task.Delay(50);
        }
        throw new TimeoutException($"no review mail for {user} about {gateId}");
    }

    private async Task<string> LinkPathAsync(string user, string gateId) =>
        new Uri(ReviewLink().Match((await MailToAsync(user, gateId)).TextBody).Value).PathAndQuery;

    private static async Task<HttpResponseMessage> PostDecisionAsync(HttpClient browser, string path, string decision, string reason = "")
    {
        var page = await browser.GetStringAsync(path);
        var token = FormToken().Match(page).Groups["token"].Value;
        return await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["decision"] = decision, ["reason"] = reason,
        }));
    }

    private async Task<GateStatus> GateStatusAsync(string gateId)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<OrchestratorDbContext>>().CreateDbContextAsync();
        return (await db.Set<ApprovalGateData>().AsNoTracking().FirstAsync(g => g.Id == gateId)).Status;
    }

    [Fact]
    public async Task Each_eligible_approver_gets_a_mail_with_a_link_of_their_own_and_the_agents_owner_gets_none()
    {
        var (_, _, gateId) = await PendingGateAsync();

        var alice = await LinkPathAsync("alice", gateId);
        var bob = await LinkPathAsync("bob", gateId);
        await Task.Delay(500);

        Assert.NotEqual(alice, bob);
        Assert.Empty(fixture.Smtp.To("carol@example.com").Where(m => m.References.Contains($"{gateId}@runbook-orchestrator")));
        Assert.Empty(fixture.Smtp.To("dave@example.com"));
    }

    [Fact]
    public async Task Twenty_GET_and_HEAD_requests_of_a_link_decide_nothing()
    {
        var (_, _, gateId) = await PendingGateAsync();
        var path = await LinkPathAsync("alice", gateId);
        using var scanner = Browser();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await scanner.SendAsync(new HttpRequestMessage(i % 2 == 0 ? HttpMethod.Get : HttpMethod.Head, path));
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(GateStatus.Pending, await GateStatusAsync(gateId));
        Assert.Equal(20, await OpenedRecordsAsync(gateId));
    }

    [Fact]
    public async Task The_pages_POST_decides_with_the_email_channel_and_the_run_continues()
    {
        var (agent, runId, gateId) = await PendingGateAsync();
        using var browser = Browser();

        using var decided = await PostDecisionAsync(browser, await LinkPathAsync("alice", gateId), "approve");
        var run = await agent.WaitForEndAsync(runId);

        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal("succeeded", run.Status());
        Assert.Equal("email", await DecisionChannelAsync(gateId));
    }

    [Fact]
    public async Task A_second_POST_through_the_same_link_is_refused()
    {
        var (_, _, gateId) = await PendingGateAsync();
        var path = await LinkPathAsync("alice", gateId);
        using var browser = Browser();
        var page = await browser.GetStringAsync(path);
        var token = FormToken().Match(page).Groups["token"].Value;
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["decision"] = "reject", ["reason"] = "not this month" };

        using var first = await browser.PostAsync(path, new FormUrlEncodedContent(form));
        using var second = await browser.PostAsync(path, new FormUrlEncodedContent(form));
        var reopened = await browser.GetStringAsync(path);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("Decided by <strong>alice</strong>", reopened);
    }

    [Fact]
    public async Task A_link_with_one_changed_character_is_refused_with_a_clear_page()
    {
        var (_, _, gateId) = await PendingGateAsync();
        var path = await LinkPathAsync("alice", gateId);
        var last = path[^1];
        var tampered = path[..^1] + (last == 'A' ? 'B' : 'A');
        using var browser = Browser();

        using var page = await browser.GetAsync(tampered);
        using var post = await browser.PostAsync(tampered, new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve" }));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("not a valid review link", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(GateStatus.Pending, await GateStatusAsync(gateId));
    }

    [Fact]
    public async Task A_link_past_the_gates_deadline_is_refused()
    {
        var (agent, runId, gateId) = await PendingGateAsync("short");
        var path = await LinkPathAsync("alice", gateId);
        using var browser = Browser();
        var page = await browser.GetStringAsync(path);
        var token = FormToken().Match(page).Groups["token"].Value;
        await agent.WaitForEndAsync(runId);

        using var late = await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["decision"] = "approve",
        }));

        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Equal(GateStatus.TimedOut, await GateStatusAsync(gateId));
    }

    [Fact]
    public async Task A_gate_that_requires_sign_in_sends_the_link_to_the_sign_in_page_first()
    {
        var (_, _, gateId) = await PendingGateAsync("signed");
        var path = await LinkPathAsync("alice", gateId);
        using var browser = Browser();

        using var page = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/auth/signin?returnUrl=", page.Headers.Location!.OriginalString);
        Assert.Equal(GateStatus.Pending, await GateStatusAsync(gateId));
    }

    [Fact]
    public async Task Another_reviewers_link_is_refused_to_a_signed_in_person()
    {
        var (_, _, gateId) = await PendingGateAsync("signed");
        var alicesLink = await LinkPathAsync("alice", gateId);
        using var bob = await SignedInAsync("bob");

        using var page = await bob.GetAsync(alicesLink);
        using var post = await bob.PostAsync(alicesLink, new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve" }));

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("another reviewer", await page.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(GateStatus.Pending, await GateStatusAsync(gateId));
    }

    [Fact]
    public async Task The_links_own_reviewer_signed_in_decides_a_gate_that_requires_sign_in()
    {
        var (_, _, gateId) = await PendingGateAsync("signed");
        var path = await LinkPathAsync("bob", gateId);
        using var bob = await SignedInAsync("bob");

        using var decided = await PostDecisionAsync(bob, path, "approve");

        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal(GateStatus.Approved, await GateStatusAsync(gateId));
    }

    [Fact]
    public async Task The_requesters_reason_is_shown_as_escaped_unverified_text_without_raw_personal_data()
    {
        const string reason = "<a href=\"https://evil.example\">Approved by security</a> for jane.doe@example.com";
        var (_, _, gateId) = await PendingGateAsync(reason: reason);

        var mail = await MailToAsync("alice", gateId);

        Assert.DoesNotContain("<a href=\"https://evil.example\"", mail.HtmlBody);
        Assert.Contains("&lt;a href=", mail.HtmlBody);
        Assert.Contains("their own words, not verified", mail.TextBody);
        Assert.DoesNotContain("jane.doe@example.com", mail.HtmlBody + mail.TextBody);
    }

    [Fact]
    public async Task Deliveries_show_in_the_approval_with_their_state()
    {
        var (_, _, gateId) = await PendingGateAsync();
        await MailToAsync("alice", gateId);
        await MailToAsync("bob", gateId);
        using var carol = await App.HumanClientAsync($"viewer-{Guid.NewGuid():N}"[..16], "auditors");

        JsonArray deliveries;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            deliveries = JsonNode.Parse(await carol.GetStringAsync($"/api/approvals/{gateId}"))!["deliveries"]!.AsArray();
            if (deliveries.Count(d => d!["status"]!.GetValue<string>() == "sent") == 2) break;
            await Task.Delay(50);
        } while (DateTime.UtcNow < deadline);

        Assert.Equal(["alice", "bob"], deliveries.Select(d => d!["recipient"]!.GetValue<string>()).Order());
        Assert.All(deliveries, d => Assert.Equal("sent", d!["status"]!.GetValue<string>()));
        Assert.All(deliveries, d => Assert.Equal("email", d!["channel"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_two_stage_escalation_reminds_escalates_and_times_out_with_the_right_mails_and_audit()
    {
        var (agent, runId, gateId) = await PendingGateAsync("staged");
        var run = await agent.WaitForEndAsync(runId);
        await Task.Delay(1000);

        string[] Subjects(string user) => fixture.Smtp.To($"{user}@example.com")
            .Where(m => m.References.Contains($"{gateId}@runbook-orchestrator")).Select(m => m.Subject.Split(':')[0]).Order().ToArray();
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<OrchestratorDbContext>>().CreateDbContextAsync();
        var audit = await db.Set<RunbookOrchestrator.Server.Persistence.Audit.AuditEventEntity>().Where(e => e.RunId == runId)
            .OrderBy(e => e.Sequence).Select(e => new { e.Kind, e.DataJson }).ToListAsync();

        Assert.Equal("failed", run.Status());
        Assert.Equal(["Approval needed", "Reminder", "Reminder"], Subjects("alice"));
        Assert.Equal(["Approval needed", "Reminder", "Reminder"], Subjects("bob"));
        Assert.Equal(["Escalated", "Reminder"], Subjects("sam"));
        Assert.Equal(["Escalated"], Subjects("tom"));
        Assert.Empty(Subjects("carol"));
        Assert.Equal(
            ["approval.requested", "approval.reminded", "approval.escalated", "approval.reminded", "approval.escalated", "approval.timed_out"],
            audit.Select(a => a.Kind).Where(k => k.StartsWith("approval.", StringComparison.Ordinal)));
        Assert.Contains("\"stage\":2", audit.Last(a => a.Kind == "approval.escalated").DataJson);
    }

    [Fact]
    public async Task A_signed_in_approver_decides_on_the_web_page_and_the_decision_is_recorded_as_web()
    {
        var (_, _, gateId) = await PendingGateAsync();
        using var alice = await SignedInAsync("alice");

        using var decided = await PostDecisionAsync(alice, $"/approvals/{Uri.EscapeDataString(gateId)}", "approve");

        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal(GateStatus.Approved, await GateStatusAsync(gateId));
        Assert.Equal("web", await DecisionChannelAsync(gateId));
    }

    [Fact]
    public async Task The_web_page_sends_a_visitor_who_is_not_signed_in_to_sign_in_first()
    {
        var (_, _, gateId) = await PendingGateAsync();
        using var browser = Browser();

        using var page = await browser.GetAsync($"/approvals/{Uri.EscapeDataString(gateId)}");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/auth/signin?returnUrl=", page.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_web_page_shows_the_agents_owner_disabled_buttons_and_why()
    {
        var (_, _, gateId) = await PendingGateAsync();
        using var carol = await SignedInAsync("carol");

        var page = await carol.GetStringAsync($"/approvals/{Uri.EscapeDataString(gateId)}");

        Assert.DoesNotContain("<form method=\"post\"", page);
        Assert.Contains("value=\"approve\" disabled aria-describedby=\"why-not\"", page);
        Assert.Contains("You own the agent", page);
    }

    private async Task<HttpClient> SignedInAsync(string name)
    {
        var password = $"pw-{Guid.NewGuid():N}";
        var exit = await new UsersCommand().RunAsync(["set-password", name],
            new CliConsole(new StringReader(password + "\n"), new StringWriter(), new StringWriter()) { DataDirectory = App.DataDirectory });
        Assert.Equal(0, exit);
        var browser = Browser();
        var page = await browser.GetStringAsync("/auth/signin");
        using var signIn = await browser.PostAsync("/auth/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = name, ["password"] = password, ["__RequestVerificationToken"] = FormToken().Match(page).Groups["token"].Value,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return browser;
    }

    private async Task<int> OpenedRecordsAsync(string gateId)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<OrchestratorDbContext>>().CreateDbContextAsync();
        var records = await db.Set<RunbookOrchestrator.Server.Persistence.Audit.AuditEventEntity>()
            .Where(e => e.Kind == RunbookOrchestrator.Audit.AuditEventKinds.ReviewLinkOpened).Select(e => e.DataJson).ToListAsync();
        return records.Count(r => r != null && r.Contains(gateId, StringComparison.Ordinal));
    }

    private async Task<string> DecisionChannelAsync(string gateId)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<OrchestratorDbContext>>().CreateDbContextAsync();
        return (await db.Set<ApprovalDecisionData>().FirstAsync(d => d.GateId == gateId)).Channel;
    }

    [GeneratedRegex(@"https?://\S+/review/\S+")]
    private static partial Regex ReviewLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex FormToken();
}
