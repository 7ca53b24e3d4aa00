using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Tests.Hosting;
using RunbookOrchestrator.Tests.Runtime;

namespace RunbookOrchestrator.Tests.Identity.Sessions;

/// <summary>A real OIDC provider and the orchestrator configured to trust it, mapping the provider's group to data-owners.</summary>
public sealed class OidcSignInFixture : IAsyncLifetime
{
    public OidcTestProvider Provider { get; private set; } = null!;
    public OrchestratorApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The test server's own address is http://localhost; the provider accepts exactly this callback.
        Provider = await OidcTestProvider.StartAsync("http://localhost/auth/callback/test");
        App = new OrchestratorApp(("export.yaml", """
                id: export
                version: 1
                owners: [data-owners]
                steps:
                  - id: ask
                    uses: approval
                    with: { approvers: [group:data-owners], timeout: 1h }
                """))
            .With("Authentication:Oidc:test:Authority", Provider.Issuer)
            .With("Authentication:Oidc:test:ClientId", OidcTestProvider.ClientId)
            .With("Authentication:Oidc:test:ClientSecret", OidcTestProvider.ClientSecret)
            .With("Authentication:Oidc:test:RequireHttpsMetadata", "false")
            .With("Authentication:Oidc:test:DisplayName", "Test IdP")
            .With("Authentication:Oidc:test:GroupMap:idp-data-stewards", "data-owners")
            .With("Authentication:Oidc:wrong-issuer:Authority", $"http://localhost:{Provider.Port}")
            .With("Authentication:Oidc:wrong-issuer:ClientId", OidcTestProvider.ClientId)
            .With("Authentication:Oidc:wrong-issuer:ClientSecret", OidcTestProvider.ClientSecret)
            .With("Authentication:Oidc:wrong-issuer:RequireHttpsMetadata", "false");
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>People sign in with the company's OpenID Connect provider (code + PKCE); their provider groups decide what they may approve.</summary>
public sealed partial class OidcSignInTests(OidcSignInFixture fixture) : IClassFixture<OidcSignInFixture>
{
    private OrchestratorApp App => fixture.App;

    private HttpClient Browser() => App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    /// <summary>Walks the provider's login and consent pages as <paramref name="user"/> and returns the callback URL it sends the browser to.</summary>
    private async Task<Uri> LogInAtProviderAsync(Uri authorize, string user)
    {
        using var idp = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        var next = authorize;
        for (var hops = 0; hops < 20; hops++)
        {
            if (next.Host == "localhost") return next;
            using var response = await idp.GetAsync(next);
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found)
            {
                next = new Uri(next, response.Headers.Location!);
                continue;
            }
            var page = await response.Content.ReadAsStringAsync();
            var form = Form().Match(page);
            Assert.True(form.Success, $"no form at {next}: {page[..Math.Min(page.Length, 500)]}");
            var fields = HiddenField().Matches(form.Value).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value);
            if (form.Value.Contains("name=\"login\"")) { fields["login"] = user; fields["password"] = "any"; }
            using var posted = await idp.PostAsync(new Uri(next, WebUtility.HtmlDecode(form.Groups["action"].Value)), new FormUrlEncodedContent(fields));
            Assert.True(posted.Headers.Location is not null, $"the provider did not redirect after a form: {(int)posted.StatusCode} {await posted.Content.ReadAsStringAsync()}");
            next = new Uri(next, posted.Headers.Location!);
        }
        throw new InvalidOperationException("the provider never sent the browser back");
    }

    private async Task<(HttpClient Browser, HttpResponseMessage Callback)> SignInAsync(string user)
    {
        var browser = Browser();
        using var start = await browser.GetAsync("/auth/signin/test");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var callback = await LogInAtProviderAsync(start.Headers.Location!, user);
        return (browser, await browser.GetAsync(callback.PathAndQuery));
    }

    private static async Task<HttpResponseMessage> DecideAsync(HttpClient browser, string gateId)
    {
        using var xsrfResponse = await browser.GetAsync("/auth/me");
        var cookie = xsrfResponse.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("XSRF-TOKEN=", StringComparison.Ordinal));
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/approvals/{gateId}/decisions") { Content = JsonContent.Create(new { decision = "approve", reason = "checked" }) };
        request.Headers.Add("X-XSRF-TOKEN", Uri.UnescapeDataString(cookie["XSRF-TOKEN=".Length..cookie.IndexOf(';')]));
        return await browser.SendAsync(request);
    }

    private async Task<string> PendingGateAsync()
    {
        var agent = await App.AgentClientAsync($"agent-{Guid.NewGuid():N}"[..20]);
        var runId = await agent.StartAsync("export");
        await agent.WaitForAsync(runId, r => r["waiting_for"] is JsonArray { Count: > 0 });
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<OrchestratorDbContext>>().CreateDbContextAsync();
        return (await db.Set<RunbookOrchestrator.Approvals.ApprovalGateData>().FirstAsync(g => g.RunId == runId)).Id;
    }

    [Fact]
    public async Task A_person_in_the_mapped_provider_group_signs_in_and_decides_an_approval()
    {
        var gateId = await PendingGateAsync();
        var (browser, callback) = await SignInAsync("alice");
        using (browser)
        using (callback)
        {
            var me = JsonNode.Parse(await browser.GetStringAsync("/api/me"))!.ToJsonString();
            using var decision = await DecideAsync(browser, gateId);

            Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
            Assert.Contains("alice", me);
            Assert.Contains("data-owners", me);
            Assert.True(decision.IsSuccessStatusCode, await decision.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_person_outside_the_mapped_group_signs_in_but_cannot_decide()
    {
        var gateId = await PendingGateAsync();
        var (browser, callback) = await SignInAsync("bob");
        using (browser)
        using (callback)
        {
            using var decision = await DecideAsync(browser, gateId);

            Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, decision.StatusCode);
        }
    }

    [Fact]
    public async Task A_replayed_authorization_response_opens_no_session()
    {
        using var first = Browser();
        using var start = await first.GetAsync("/auth/signin/test");
        var callback = await LogInAtProviderAsync(start.Headers.Location!, "alice");
        (await first.GetAsync(callback.PathAndQuery)).Dispose();

        // The same code and state in another browser: no correlation cookie there, and the code is spent anyway.
        using var attacker = Browser();
        using var replay = await attacker.GetAsync(callback.PathAndQuery);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_provider_whose_discovery_names_another_issuer_is_refused_before_the_browser_goes_there()
    {
        using var browser = Browser();

        using var start = await browser.GetAsync("/auth/signin/wrong-issuer");

        Assert.Equal(HttpStatusCode.Unauthorized, start.StatusCode);
        Assert.Contains("issuer", await start.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_code_redeemed_without_the_pkce_verifier_is_refused_by_the_provider()
    {
        using var browser = Browser();
        using var start = await browser.GetAsync("/auth/signin/test");
        var callback = await LogInAtProviderAsync(start.Headers.Location!, "alice");
        var code = System.Web.HttpUtility.ParseQueryString(callback.Query)["code"]!;

        using var idp = new HttpClient();
        using var token = await idp.PostAsync($"{fixture.Provider.Issuer}/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = "http://localhost/auth/callback/test",
            ["client_id"] = OidcTestProvider.ClientId, ["client_secret"] = OidcTestProvider.ClientSecret,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, token.StatusCode);
        Assert.Contains("invalid_grant", await token.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_id_token_altered_after_signing_opens_no_session()
    {
        // The tampering provider hands mallory an ID token claiming the data stewards group, with the original signature.
        var (browser, callback) = await SignInAsync("mallory");
        using (browser)
        using (callback)
        {
            var page = await callback.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.Unauthorized, callback.StatusCode);
            Assert.Contains("signature", page, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
        }
    }

    [Fact]
    public async Task An_unsigned_id_token_opens_no_session()
    {
        // eve's ID token comes back from the token endpoint re-issued with alg "none".
        var (browser, callback) = await SignInAsync("eve");
        using (browser)
        using (callback)
        {
            var page = await callback.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.Unauthorized, callback.StatusCode);
            Assert.Contains("unsigned ID token", page);
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
        }
    }

    [Fact]
    public async Task A_provider_person_named_like_an_existing_account_cannot_take_it_over()
    {
        (await App.HumanClientAsync("carol", "admins")).Dispose();

        var (browser, callback) = await SignInAsync("carol");
        using (browser)
        using (callback)
        {
            var page = await callback.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.Unauthorized, callback.StatusCode);
            Assert.Contains("users link carol --provider test", page);
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
        }
    }

    [Fact]
    public async Task An_account_an_administrator_linked_to_the_provider_keeps_its_own_groups_and_gains_the_mapped_ones()
    {
        (await App.HumanClientAsync("dave", "sre")).Dispose();
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await new RunbookOrchestrator.Server.Cli.UsersCommand().RunAsync(["link", "dave", "--provider", "test"],
            new RunbookOrchestrator.Server.Cli.CliConsole(new StringReader(""), output, error) { DataDirectory = App.DataDirectory });

        var (browser, callback) = await SignInAsync("dave");
        using (browser)
        using (callback)
        {
            var groups = JsonNode.Parse(await browser.GetStringAsync("/api/me"))!["groups"]!.AsArray().Select(g => g!.GetValue<string>()).ToList();

            Assert.True(exit == 0, error.ToString());
            Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
            Assert.Equal(["data-owners", "sre"], groups);
        }
    }

    [GeneratedRegex("<form[^>]*action=\"(?<action>[^\"]+)\"[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex Form();

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenField();
}
