using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using RunbookOrchestrator.Audit;
using RunbookOrchestrator.Server.Identity.Humans;

namespace RunbookOrchestrator.Server.Identity.Sessions;

/// <summary>The server's own sign-in pages: <c>GET/POST /auth/signin</c> (local accounts), <c>POST /auth/signout</c> and a
/// "who am I" page at <c>GET /auth/me</c>. Plain, accessible HTML; the designer will give them its look.</summary>
public static class SignInPages
{
    public static IEndpointRouteBuilder MapSignInPages(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth").AllowAnonymous().ExcludeFromDescription();
        auth.MapGet("/signin", (HttpContext context, string? returnUrl) => Page(context, StatusCodes.Status200OK, SignInForm(context, returnUrl, null)));
        auth.MapPost("/signin", SignInAsync).DisableAntiforgery();
        auth.MapPost("/signout", SignOutAsync).DisableAntiforgery();
        auth.MapGet("/me", (HttpContext context) => context.User.Identity?.AuthenticationType == SessionAuthentication.Scheme
            ? Page(context, StatusCodes.Status200OK, WhoAmI(context))
            : Results.Redirect("/auth/signin?returnUrl=%2Fauth%2Fme"));
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, LocalSignIn signIn, IAuditTrail audit)
    {
        if (!context.Request.HasFormContentType)
            return Page(context, StatusCodes.Status415UnsupportedMediaType, SignInForm(context, null, "Send the sign-in form (application/x-www-form-urlencoded)."));
        if (!await BrowserAntiforgery.IsValidAsync(context))
            return Page(context, StatusCodes.Status400BadRequest, SignInForm(context, null, "The form has expired or did not come from this site; please sign in again."));
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var userName = form["username"].ToString().Trim();
        var password = form["password"].ToString();
        var returnUrl = LocalReturnUrl(form["returnUrl"].ToString());
        var client = context.Connection.RemoteIpAddress?.ToString();
        if (userName.Length == 0 || password.Length == 0)
            return Page(context, StatusCodes.Status400BadRequest, SignInForm(context, returnUrl, "Enter your user name and password."));

        var outcome = await signIn.TryAsync(userName, password, context.RequestAborted);
        switch (outcome)
        {
            case SignInOutcome.Succeeded ok:
                var principal = new ClaimsPrincipal(HumanPrincipal.Identity(ok.User, "session", SessionAuthentication.Scheme));
                await context.SignInAsync(SessionAuthentication.Scheme, principal, new AuthenticationProperties { IsPersistent = false });
                await audit.AppendAsync([new AuditRecord(AuditEventKinds.UserSignedIn, "human", ok.User.Name, Channel: "web", ClientAddress: client,
                    Data: new JsonObject { ["method"] = "password" })]);
                return Results.Redirect(returnUrl ?? "/auth/me");
            case SignInOutcome.Locked locked:
                await audit.AppendAsync([new AuditRecord(AuditEventKinds.UserSignInFailed, "human", locked.UserName, Channel: "web", ClientAddress: client,
                    Data: new JsonObject { ["method"] = "password", ["refusal"] = "locked", ["locked_until"] = locked.Until.ToString("O") })]);
                return Page(context, StatusCodes.Status401Unauthorized, SignInForm(context, returnUrl,
                    "This account is locked after too many wrong passwords; try again later or ask an administrator."));
            default:
                await audit.AppendAsync([new AuditRecord(AuditEventKinds.UserSignInFailed, "human", outcome.UserName, Channel: "web", ClientAddress: client,
                    Data: new JsonObject { ["method"] = "password", ["refusal"] = "wrong user name or password" })]);
                return Page(context, StatusCodes.Status401Unauthorized, SignInForm(context, returnUrl, "Wrong user name or password."));
        }
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAuditTrail audit)
    {
        // A session's POST has passed the antiforgery middleware already; without a session there is nothing to end.
        if (context.User.Identity?.AuthenticationType == SessionAuthentication.Scheme)
        {
            var name = context.User.FindFirst(AgentClaimTypes.Name)?.Value ?? "";
            await context.SignOutAsync(SessionAuthentication.Scheme);
            await audit.AppendAsync([new AuditRecord(AuditEventKinds.UserSignedOut, "human", name, Channel: "web",
                ClientAddress: context.Connection.RemoteIpAddress?.ToString())]);
        }
        return Results.Redirect("/auth/signin");
    }

    private static string SignInForm(HttpContext context, string? returnUrl, string? error)
    {
        var token = BrowserAntiforgery.Issue(context);
        var alert = error is null ? "" : $"""<p role="alert" class="error">{Encode(error)}</p>""";
        var back = returnUrl is null ? "" : $"""<input type="hidden" name="returnUrl" value="{Encode(returnUrl)}">""";
        return $"""
            <h1>Sign in to RunbookOrchestrator</h1>
            {alert}
            <form method="post" action="/auth/signin">
              <input type="hidden" name="{BrowserAntiforgery.FormField}" value="{Encode(token)}">
              {back}
              <label for="username">User name</label>
              <input id="username" name="username" autocomplete="username" required autofocus>
              <label for="password">Password</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required>
              <button type="submit">Sign in</button>
            </form>
            {ProviderLinks(context, returnUrl)}
            """;
    }

    private static string ProviderLinks(HttpContext context, string? returnUrl)
    {
        var providers = context.RequestServices.GetService<IReadOnlyDictionary<string, OidcProviderOptions>>();
        if (providers is null || providers.Count == 0) return "";
        var query = returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl);
        return "<ul class=\"providers\">" + string.Concat(providers.Select(p =>
            $"<li><a href=\"/auth/signin/{Encode(p.Key)}{Encode(query)}\">Sign in with {Encode(p.Value.DisplayName ?? p.Key)}</a></li>")) + "</ul>";
    }

    private static string WhoAmI(HttpContext context)
    {
        var token = BrowserAntiforgery.Issue(context);
        var name = context.User.FindFirst(AgentClaimTypes.Name)?.Value ?? "";
        var groups = context.User.FindAll(AgentClaimTypes.Group).Select(c => c.Value).ToList();
        return $"""
            <h1>Signed in as {Encode(name)}</h1>
            <p>Groups: {(groups.Count == 0 ? "none" : Encode(string.Join(", ", groups)))}</p>
            <form method="post" action="/auth/signout">
              <input type="hidden" name="{BrowserAntiforgery.FormField}" value="{Encode(token)}">
              <button type="submit">Sign out</button>
            </form>
            """;
    }

    internal static IResult Page(HttpContext context, int status, string body)
    {
        context.Response.Headers.CacheControl = "no-store";
        // Sign-in links carry their secret in the path: no other site may learn it from a Referer header.
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        context.Response.Headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
        return Results.Content($$"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>RunbookOrchestrator</title>
            <style>
              body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f5f6f8; color: #1d2330; }
              main { max-width: 24rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 3px #0002; }
              label { display: block; margin-top: 1rem; font-weight: 600; }
              input { width: 100%; box-sizing: border-box; padding: .5rem; font: inherit; border: 1px solid #8a93a6; border-radius: 4px; }
              button { margin-top: 1.5rem; padding: .6rem 1.2rem; font: inherit; background: #1f5fbf; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
              button:focus-visible, input:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
              .error { color: #a4000f; font-weight: 600; }
              .notice { color: #0b6b2b; font-weight: 600; }
              main:has(dl) { max-width: 44rem; }
              dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; } dt { font-weight: 600; } dd { margin: 0; }
              pre { background: #f5f6f8; padding: .5rem; overflow: auto; white-space: pre-wrap; }
              .unverified { border: 1px dashed #8a93a6; background: #f5f6f8; padding: .25rem 1rem; }
              .unverified .label { font-size: .85rem; color: #4a5263; margin: .25rem 0; } .reason { white-space: pre-wrap; }
              textarea { width: 100%; box-sizing: border-box; font: inherit; }
              .actions button { margin-right: 1rem; } button.reject { background: #a4000f; }
            </style></head>
            <body><main>{{body}}</main></body>
            </html>
            """, "text/html; charset=utf-8", statusCode: status);
    }

    // Only a path on this site: never another host (//evil, /\evil), so a sign-in link cannot send a reviewer elsewhere.
    internal static string? LocalReturnUrl(string? url) =>
        url is { Length: > 0 } u && u[0] == '/' && (u.Length == 1 || (u[1] != '/' && u[1] != '\\')) && !u.Contains("://", StringComparison.Ordinal) ? u : null;

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
