using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using RunbookOrchestrator.Audit;
using RunbookOrchestrator.Server.Identity.Humans;
using RunbookOrchestrator.Server.Persistence;

namespace RunbookOrchestrator.Server.Identity.Sessions;

/// <summary><c>GET /auth/link/{secret}</c> shows a "choose your password" form; its <c>POST</c> sets the password, uses the link
/// up and signs the person in. Printed by <c>users add NAME --admin</c> and <c>users sign-in-link NAME</c>.</summary>
public static class SignInLinkPages
{
    public static IEndpointRouteBuilder MapSignInLinkPages(this IEndpointRouteBuilder app)
    {
        var links = app.MapGroup("/auth/link").AllowAnonymous().ExcludeFromDescription();
        links.MapGet("/{secret}", ShowAsync);
        links.MapPost("/{secret}", SetPasswordAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string secret, IDbContextFactory<OrchestratorDbContext> contexts, TimeProvider clock)
    {
        await using var db = await contexts.CreateDbContextAsync(context.RequestAborted);
        var user = await new SignInLinks(db, clock).UserOfAsync(secret, context.RequestAborted);
        return user is null ? Unusable(context) : SignInPages.Page(context, StatusCodes.Status200OK, Form(context, secret, user, null));
    }

    private static async Task<IResult> SetPasswordAsync(HttpContext context, string secret, IDbContextFactory<OrchestratorDbContext> contexts, TimeProvider clock, IAuditTrail audit)
    {
        await using var db = await contexts.CreateDbContextAsync(context.RequestAborted);
        var links = new SignInLinks(db, clock);
        var userName = await links.UserOfAsync(secret, context.RequestAborted);
        if (userName is null) return Unusable(context);
        if (!context.Request.HasFormContentType)
            return SignInPages.Page(context, StatusCodes.Status415UnsupportedMediaType, Form(context, secret, userName, "Send the form (application/x-www-form-urlencoded)."));
        if (!await BrowserAntiforgery.IsValidAsync(context))
            return SignInPages.Page(context, StatusCodes.Status400BadRequest, Form(context, secret, userName, "The form has expired or did not come from this site; please try again."));
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var password = form["password"].ToString();
        if (password != form["confirm"].ToString())
            return SignInPages.Page(context, StatusCodes.Status400BadRequest, Form(context, secret, userName, "The two passwords differ."));
        if (LocalPasswords.Problem(password) is { } problem)
            return SignInPages.Page(context, StatusCodes.Status400BadRequest, Form(context, secret, userName, $"Password refused: {problem}."));

        var user = await links.RedeemAsync(secret, password, context.RequestAborted);
        if (user is null) return Unusable(context);
        await context.SignInAsync(SessionAuthentication.Scheme, new ClaimsPrincipal(HumanPrincipal.Identity(user, "session", SessionAuthentication.Scheme)),
            new AuthenticationProperties { IsPersistent = false });
        await audit.AppendAsync([new AuditRecord(AuditEventKinds.UserSignedIn, "human", user.Name, Channel: "web",
            ClientAddress: context.Connection.RemoteIpAddress?.ToString(), Data: new JsonObject { ["method"] = "sign-in link", ["password_set"] = true })]);
        return Results.Redirect("/auth/me");
    }

    private static IResult Unusable(HttpContext context) => SignInPages.Page(context, StatusCodes.Status404NotFound, """
        <h1>This link cannot be used</h1>
        <p role="alert" class="error">It is unknown, has been used already, or has expired (links work once, for 24 hours).</p>
        <p>Ask an administrator for a new one (<code>users sign-in-link NAME</code>), or <a href="/auth/signin">sign in</a>.</p>
        """);

    private static string Form(HttpContext context, string secret, string userName, string? error)
    {
        var token = BrowserAntiforgery.Issue(context);
        var alert = error is null ? "" : $"""<p role="alert" class="error">{WebUtility.HtmlEncode(error)}</p>""";
        return $"""
            <h1>Choose a password</h1>
            <p>For the user <strong>{WebUtility.HtmlEncode(userName)}</strong>. At least {LocalPasswords.MinLength} characters; this link works once.</p>
            {alert}
            <form method="post" action="{SignInLinks.PathPrefix}{Uri.EscapeDataString(secret)}">
              <input type="hidden" name="{BrowserAntiforgery.FormField}" value="{WebUtility.HtmlEncode(token)}">
              <input type="hidden" name="username" value="{WebUtility.HtmlEncode(userName)}" autocomplete="username">
              <label for="password">New password</label>
              <input id="password" name="password" type="password" autocomplete="new-password" minlength="{LocalPasswords.MinLength}" required autofocus>
              <label for="confirm">The same again</label>
              <input id="confirm" name="confirm" type="password" autocomplete="new-password" required>
              <button type="submit">Set password and sign in</button>
            </form>
            """;
    }
}
