using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bogus;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Server.Cli;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Identity.Sessions;

/// <summary>The fixture's server, recording every log line, shared by the sign-in tests.</summary>
public sealed class LocalSignInFixture : IAsyncLifetime
{
    public LogRecorder Logs { get; } = new();
    public OrchestratorApp App { get; }

    public LocalSignInFixture() => App = new OrchestratorApp().LogTo(Logs);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Local accounts: a person signs in with a password to a browser session; wrong passwords lock the account; every
/// state-changing request of a session needs the antiforgery token.</summary>
public sealed partial class LocalSignInTests(LocalSignInFixture fixture) : IClassFixture<LocalSignInFixture>
{
    private readonly Faker _faker = new();
    private OrchestratorApp App => fixture.App;

    private string Name() => $"{_faker.Name.FirstName().ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..6]}";

    private string Password() => _faker.Internet.Password(16, memorable: false) + "Aa1!";

    private HttpClient Browser() => App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    private async Task<string> UserWithPasswordAsync(string password, params string[] groups)
    {
        var name = Name();
        (await App.HumanClientAsync(name, groups)).Dispose();
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await new UsersCommand().RunAsync(["set-password", name], new CliConsole(new StringReader(password + "\n"), output, error) { DataDirectory = App.DataDirectory });
        Assert.True(exit == 0, error.ToString());
        return name;
    }

    private static async Task<string> FormTokenAsync(HttpClient browser, string path = "/auth/signin")
    {
        var page = await browser.GetStringAsync(path);
        return TokenField().Match(page).Groups["token"].Value;
    }

    private static async Task<HttpResponseMessage> PostSignInAsync(HttpClient browser, string name, string password, bool withToken = true, string? returnUrl = null)
    {
        var fields = new List<KeyValuePair<string, string>> { new("username", name), new("password", password) };
        if (withToken) fields.Add(new("__RequestVerificationToken", await FormTokenAsync(browser)));
        if (returnUrl is not null) fields.Add(new("returnUrl", returnUrl));
        return await browser.PostAsync("/auth/signin", new FormUrlEncodedContent(fields));
    }

    private static async Task<string> XsrfAsync(HttpClient browser)
    {
        using var response = await browser.GetAsync("/auth/me");
        var cookie = response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("XSRF-TOKEN=", StringComparison.Ordinal));
        return Uri.UnescapeDataString(cookie["XSRF-TOKEN=".Length..cookie.IndexOf(';')]);
    }

    [Fact]
    public async Task Signing_in_with_the_right_password_opens_a_session_that_api_me_answers_for()
    {
        var password = Password();
        var name = await UserWithPasswordAsync(password, "sre");
        using var browser = Browser();

        using var signIn = await PostSignInAsync(browser, name, password);
        var me = JsonNode.Parse(await browser.GetStringAsync("/api/me"))!;

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("rbo_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(name, me.ToJsonString());
        Assert.Contains("sre", me.ToJsonString());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var password = Password();
        var name = await UserWithPasswordAsync(password);
        using var browser = Browser();

        for (var i = 0; i < 5; i++)
            using (var wrong = await PostSignInAsync(browser, name, password + "x")) Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using var right = await PostSignInAsync(browser, name, password);

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("locked", await right.Content.ReadAsStringAsync());
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<OrchestratorDbContext>>().CreateDbContextAsync();
        Assert.Equal(6, await db.Set<RunbookOrchestrator.Server.Persistence.Audit.AuditEventEntity>().CountAsync(e => e.Kind == "user.sign_in_failed" && e.ActorName == name));
    }

    [Fact]
    public async Task A_sign_in_post_without_the_antiforgery_token_is_refused()
    {
        var password = Password();
        var name = await UserWithPasswordAsync(password);
        using var browser = Browser();

        using var response = await PostSignInAsync(browser, name, password, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_session_request_that_changes_state_needs_the_xsrf_header()
    {
        var password = Password();
        var name = await UserWithPasswordAsync(password, "data-owners");
        using var browser = Browser();
        (await PostSignInAsync(browser, name, password)).Dispose();
        var xsrf = await XsrfAsync(browser);
        var body = new StringContent("""{"decision":"approve"}""", System.Text.Encoding.UTF8, "application/json");

        using var without = await browser.PostAsync("/api/approvals/no-such-gate/decisions", body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/approvals/no-such-gate/decisions") { Content = new StringContent("""{"decision":"approve"}""", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-XSRF-TOKEN", xsrf);
        using var with = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Assert.Contains("antiforgery-token-invalid", await without.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, with.StatusCode);
    }

    [Fact]
    public async Task Disabling_a_user_ends_their_session_at_the_next_request()
    {
        var password = Password();
        var name = await UserWithPasswordAsync(password);
        using var browser = Browser();
        (await PostSignInAsync(browser, name, password)).Dispose();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/me")).StatusCode);

        var exit = await new UsersCommand().RunAsync(["disable", name], new CliConsole(TextReader.Null, TextWriter.Null, TextWriter.Null) { DataDirectory = App.DataDirectory });

        Assert.Equal(0, exit);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_is_audited()
    {
        var password = Password();
        var name = await UserWithPasswordAsync(password);
        using var browser = Browser();
        (await PostSignInAsync(browser, name, password)).Dispose();

        var token = await FormTokenAsync(browser, "/auth/me");
        using var signOut = await browser.PostAsync("/auth/signout", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<OrchestratorDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Set<RunbookOrchestrator.Server.Persistence.Audit.AuditEventEntity>().CountAsync(e => e.Kind == "user.signed_out" && e.ActorName == name));
    }

    [Fact]
    public async Task The_password_and_its_hash_never_reach_a_response_or_the_log()
    {
        var password = Password();
        var name = await UserWithPasswordAsync(password);
        using var browser = Browser();
        using var wrong = await PostSignInAsync(browser, name, password + "z");
        using var right = await PostSignInAsync(browser, name, password);
        var me = await browser.GetStringAsync("/api/me");
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<OrchestratorDbContext>>().CreateDbContextAsync();
        var hash = (await db.Set<RunbookOrchestrator.Server.Persistence.Identity.HumanUserEntity>().FirstAsync(u => u.Name == name)).PasswordHash!;

        var seen = string.Join("\n", fixture.Logs.Lines) + await wrong.Content.ReadAsStringAsync() + await right.Content.ReadAsStringAsync() + me;

        Assert.DoesNotContain(password, seen);
        Assert.DoesNotContain(hash, seen);
        Assert.DoesNotContain(hash[..20], string.Join("\n", (await db.Set<RunbookOrchestrator.Server.Persistence.Audit.AuditEventEntity>().ToListAsync()).Select(e => e.DataJson)));
    }

    [Fact]
    public async Task A_return_address_on_another_site_is_ignored()
    {
        var password = Password();
        var name = await UserWithPasswordAsync(password);
        using var browser = Browser();

        using var response = await PostSignInAsync(browser, name, password, returnUrl: "//evil.example/phish");

        Assert.Equal("/auth/me", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_bearer_token_still_answers_without_any_antiforgery_token()
    {
        var reviewer = await App.HumanClientAsync(Name(), "data-owners");

        using var response = await reviewer.PostAsync("/api/approvals/no-such-gate/decisions",
            new StringContent("""{"decision":"approve"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_admin_signed_in_with_a_session_opens_the_timers_dashboard()
    {
        var password = Password();
        var name = await UserWithPasswordAsync(password, "admins");
        using var browser = Browser();
        (await PostSignInAsync(browser, name, password)).Dispose();

        using var response = await browser.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex TokenField();
}
