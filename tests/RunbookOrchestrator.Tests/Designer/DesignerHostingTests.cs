using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using RunbookOrchestrator.Server.Cli;
using RunbookOrchestrator.Tests.Hosting;
using RunbookOrchestrator.Tests.Process;

namespace RunbookOrchestrator.Tests.Designer;

/// <summary>The server serves the built designer at / and its routes to signed-in people only.</summary>
public sealed class DesignerHostingTests : IAsyncLifetime
{
    private readonly OrchestratorApp _app = new OrchestratorApp()
        .With("Orchestrator:DesignerDirectory", Path.Combine(ServerProcess.RepositoryRoot(), "designer", "dist"));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private HttpClient Browser() => _app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    [Theory]
    [InlineData("/")]
    [InlineData("/runbooks/export-customer-data")]
    [InlineData("/runs/01a23f35a14f7d918ae701b0dfc396cb")]
    [InlineData("/approvals")]
    public async Task A_visitor_who_is_not_signed_in_is_sent_to_sign_in_first(string route)
    {
        using var browser = Browser();

        using var page = await browser.GetAsync(route);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/auth/signin?returnUrl=" + Uri.EscapeDataString(route), page.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_signed_in_person_gets_the_designer_app_on_each_of_its_routes()
    {
        using var browser = await SignedInAsync();

        using var root = await browser.GetAsync("/");
        using var run = await browser.GetAsync("/runs/01a23f35a14f7d918ae701b0dfc396cb");
        var html = await root.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Contains("<div id=\"root\">", html);
        Assert.Equal(html, await run.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_apps_scripts_are_served_from_the_built_folder()
    {
        using var browser = await SignedInAsync();
        var html = await browser.GetStringAsync("/");
        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;

        using var asset = await browser.GetAsync(script);

        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal("text/javascript", asset.Content.Headers.ContentType!.MediaType);
    }

    private async Task<HttpClient> SignedInAsync()
    {
        var name = $"ops-{Guid.NewGuid():N}"[..12];
        const string password = "designer-test-password-1";
        (await _app.HumanClientAsync(name, "operators")).Dispose();
        Assert.Equal(0, await new UsersCommand().RunAsync(["set-password", name],
            new CliConsole(new StringReader(password + "\n"), new StringWriter(), new StringWriter()) { DataDirectory = _app.DataDirectory }));
        var browser = Browser();
        var form = await browser.GetStringAsync("/auth/signin");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var signIn = await browser.PostAsync("/auth/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = name, ["password"] = password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return browser;
    }
}
