using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bogus;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Server.Cli;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Server.Persistence.Identity;

namespace RunbookOrchestrator.Tests.Identity.Sessions;

/// <summary>The first administrator gets no default password: <c>users add NAME --admin</c> prints a one-time link to choose one.</summary>
public sealed partial class SignInLinkTests(LocalSignInFixture fixture) : IClassFixture<LocalSignInFixture>
{
    private readonly Faker _faker = new();

    private string Name() => $"{_faker.Name.FirstName().ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..6]}";

    private string Password() => _faker.Internet.Password(16, memorable: false) + "Aa1!";

    private HttpClient Browser() => fixture.App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    private async Task<(int Exit, string Output, string Error)> UsersAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await new UsersCommand().RunAsync(args, new CliConsole(new StringReader(""), output, error) { DataDirectory = fixture.App.DataDirectory });
        return (exit, output.ToString(), error.ToString());
    }

    private async Task<string> AdminLinkPathAsync(string name)
    {
        var (exit, output, error) = await UsersAsync("add", name, "--admin");
        Assert.True(exit == 0, error);
        return new Uri(LinkLine().Match(output).Value).AbsolutePath;
    }

    private static async Task<HttpResponseMessage> ChoosePasswordAsync(HttpClient browser, string path, string password, bool withToken = true)
    {
        var page = await browser.GetStringAsync(path);
        var fields = new List<KeyValuePair<string, string>> { new("password", password), new("confirm", password) };
        if (withToken) fields.Add(new("__RequestVerificationToken", TokenField().Match(page).Groups["token"].Value));
        return await browser.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task An_administrator_added_on_the_command_line_chooses_a_password_through_the_printed_link_and_is_signed_in()
    {
        var name = Name();
        var path = await AdminLinkPathAsync(name);
        using var browser = Browser();

        using var chosen = await ChoosePasswordAsync(browser, path, Password());
        var me = JsonNode.Parse(await browser.GetStringAsync("/api/me"))!.ToJsonString();

        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Contains(name, me);
        Assert.Contains("admins", me);
    }

    [Fact]
    public async Task A_link_works_once()
    {
        var path = await AdminLinkPathAsync(Name());
        using var first = Browser();
        (await ChoosePasswordAsync(first, path, Password())).Dispose();
        using var second = Browser();

        using var again = await second.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Opening_a_link_as_a_mail_scanner_would_does_not_use_it()
    {
        var path = await AdminLinkPathAsync(Name());
        using var scanner = Browser();
        (await scanner.GetAsync(path)).Dispose();
        (await scanner.GetAsync(path)).Dispose();
        using var person = Browser();

        using var chosen = await ChoosePasswordAsync(person, path, Password());

        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
    }

    [Fact]
    public async Task A_password_form_without_the_antiforgery_token_is_refused_and_leaves_the_link_usable()
    {
        var path = await AdminLinkPathAsync(Name());
        using var browser = Browser();

        using var forged = await ChoosePasswordAsync(browser, path, Password(), withToken: false);
        using var genuine = await ChoosePasswordAsync(browser, path, Password());

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, genuine.StatusCode);
    }

    [Fact]
    public async Task An_expired_link_is_refused()
    {
        var name = Name();
        var path = await AdminLinkPathAsync(name);
        await using (var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<OrchestratorDbContext>>().CreateDbContextAsync())
            await db.Set<SignInLinkEntity>().Where(l => l.UserName == name).ExecuteUpdateAsync(l => l.SetProperty(x => x.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        using var browser = Browser();

        using var page = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task A_new_link_for_the_same_user_ends_the_earlier_one()
    {
        var name = Name();
        var earlier = await AdminLinkPathAsync(name);
        var (_, output, _) = await UsersAsync("sign-in-link", name);
        var later = new Uri(LinkLine().Match(output).Value).AbsolutePath;
        using var browser = Browser();

        using var old = await browser.GetAsync(earlier);
        using var fresh = await browser.GetAsync(later);

        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task A_weak_password_is_refused_and_the_link_stays_usable()
    {
        var path = await AdminLinkPathAsync(Name());
        using var browser = Browser();

        using var weak = await ChoosePasswordAsync(browser, path, "short");
        var page = await weak.Content.ReadAsStringAsync();
        using var strong = await ChoosePasswordAsync(browser, path, Password());

        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("at least 12 characters", page);
        Assert.Equal(HttpStatusCode.Redirect, strong.StatusCode);
    }

    [GeneratedRegex(@"https?://\S+/auth/link/\S+")]
    private static partial Regex LinkLine();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex TokenField();
}
