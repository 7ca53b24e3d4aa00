using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunbookOrchestrator.Identity;
using RunbookOrchestrator.Server.Audit;
using RunbookOrchestrator.Server.Identity;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Server.Persistence.Audit;

namespace RunbookOrchestrator.Tests.Audit;

/// <summary>The audit endpoints on a real Kestrel server with the real agent key scheme. Human sign-in is another branch's work,
/// so a stand-in scheme here issues the claims it will issue (<c>rbo:kind=human</c>, <c>rbo:group</c>).</summary>
public sealed class AuditApiTests : IAsyncLifetime
{
    private const string EitherScheme = "HumanOrAgent";
    private AuditDatabase _database = null!;
    private WebApplication _app = null!;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        _database = await AuditDatabase.WithEventsAsync(3);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddDbContextFactory<OrchestratorDbContext>(o => o.UseSqlite(OrchestratorDatabase.SqliteConnectionString(_database.DataDir)));
        builder.Services.AddAuditTrail();
        builder.Services.AddAgentKeyAuthentication();
        // One scheme per request, chosen by what the caller presents, so exactly one of them answers a challenge.
        builder.Services.AddAuthentication(o => o.DefaultScheme = EitherScheme)
            .AddScheme<AuthenticationSchemeOptions, HumanHeaderScheme>(HumanHeaderScheme.Name, _ => { })
            .AddPolicyScheme(EitherScheme, EitherScheme, o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.ContainsKey(HumanHeaderScheme.Header) ? HumanHeaderScheme.Name : ApiKeyAuthenticationHandler.SchemeName);
        builder.Services.AddProblemDetails();
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapAuditApi();
        await _app.StartAsync();
        _address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    private HttpClient Human(string groups)
    {
        var client = new HttpClient { BaseAddress = _address };
        client.DefaultRequestHeaders.Add(HumanHeaderScheme.Header, $"alice;{groups}");
        return client;
    }

    [Fact]
    public async Task An_auditor_gets_ok_with_the_event_count_and_head_from_verify()
    {
        using var client = Human("auditors");

        var body = JsonNode.Parse(await client.GetStringAsync("/api/audit/verify"))!;

        Assert.True(body["ok"]!.GetValue<bool>());
        Assert.Equal(3, body["events"]!.GetValue<long>());
        Assert.Equal((await _database.ReadAllAsync())[^1].Hash, body["head"]!.GetValue<string>());
    }

    [Fact]
    public async Task Verify_reports_the_sequence_and_problem_of_a_deleted_row()
    {
        await _database.DropTriggersAsync();
        await _database.ExecuteSqlAsync("DELETE FROM audit_events WHERE sequence = 2");
        using var client = Human("auditors");

        var body = JsonNode.Parse(await client.GetStringAsync("/api/audit/verify"))!;

        Assert.False(body["ok"]!.GetValue<bool>());
        Assert.Equal(2, body["sequence"]!.GetValue<long>());
        Assert.Contains("deleted", body["problem"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_auditor_exports_csv_for_a_time_window()
    {
        using var client = Human("auditors");

        using var response = await client.GetAsync("/api/audit/events?from=2026-11-22T08:01:00Z&format=csv");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(3, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task An_agent_key_may_not_read_the_audit_trail()
    {
        string rawKey;
        await using (var scope = _app.Services.CreateAsyncScope())
            rawKey = (await scope.ServiceProvider.GetRequiredService<IAgentKeyStore>().IssueAsync(new AgentKeyRequest("ops-bot", "alice", [AgentKey.AllRunbooks]))).RawKey;
        using var client = new HttpClient { BaseAddress = _address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", rawKey);

        using var response = await client.GetAsync("/api/audit/events");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_human_outside_the_auditors_group_may_not_verify()
    {
        using var client = Human("sre");

        using var response = await client.GetAsync("/api/audit/verify");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_reviewer_refused_the_audit_trail_is_told_the_group_they_lack_not_about_agent_keys()
    {
        using var client = Human("approvers");

        using var response = await client.GetAsync("/api/audit/events");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("auditors", problem["missing_group"]!.GetValue<string>());
        Assert.Contains("'auditors' group, which you do not have", problem["detail"]!.GetValue<string>());
        Assert.DoesNotContain("agent keys", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_export_format_is_a_bad_request_naming_the_parameter()
    {
        using var client = Human("auditors");

        using var response = await client.GetAsync("/api/audit/events?format=xlsx");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'format'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Verify_with_a_malformed_anchor_is_a_bad_request_naming_the_parameter()
    {
        using var client = Human("auditors");

        using var response = await client.GetAsync("/api/audit/verify?anchor=3:not-a-hash");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'anchor'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Verify_accepts_the_anchor_it_returned()
    {
        using var client = Human("auditors");
        var anchor = JsonNode.Parse(await client.GetStringAsync("/api/audit/verify"))!["anchor"]!.GetValue<string>();

        var body = JsonNode.Parse(await client.GetStringAsync($"/api/audit/verify?anchor={anchor}"))!;

        Assert.True(body["ok"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_caller_without_credentials_is_unauthorized()
    {
        using var client = new HttpClient { BaseAddress = _address };

        using var response = await client.GetAsync("/api/audit/verify");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer rbo_nonexist_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Bearer some-unknown-token")]
    public async Task A_401_has_the_same_problem_shape_as_every_other_problem(string? authorization)
    {
        using var client = new HttpClient { BaseAddress = _address };
        if (authorization != null) client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        using var response = await client.GetAsync("/api/audit/verify");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Matches("^[0-9a-f]{32}$", problem["trace_id"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(problem["code"]!.GetValue<string>()));
        Assert.Equal(401, problem["status"]!.GetValue<int>());
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Stand-in for human sign-in: header <c>X-Test-Human: name;group,group</c> becomes a human principal with those groups.</summary>
    private sealed class HumanHeaderScheme(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Name = "TestHuman";
        public const string Header = "X-Test-Human";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(Header, out var value)) return Task.FromResult(AuthenticateResult.NoResult());
            var parts = value.ToString().Split(';');
            var claims = new List<Claim> { new(AgentClaimTypes.Kind, AuditReaders.HumanKind), new(AgentClaimTypes.Name, parts[0]) };
            claims.AddRange(parts.ElementAtOrDefault(1)?.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(g => new Claim(AuditReaders.GroupClaimType, g)) ?? []);
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Name));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Name)));
        }
    }
}
