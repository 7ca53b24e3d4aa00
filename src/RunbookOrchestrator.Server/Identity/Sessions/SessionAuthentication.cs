using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RunbookOrchestrator.Server.Identity.Humans;
using RunbookOrchestrator.Server.Persistence;

namespace RunbookOrchestrator.Server.Identity.Sessions;

/// <summary>Browser sessions for humans: a cookie (HttpOnly, SameSite=Lax, Secure over HTTPS) beside the API's bearer keys and tokens.
/// A request with an <c>Authorization</c> or <c>X-Api-Key</c> header is judged by those alone; the cookie counts only without them.</summary>
public static class SessionAuthentication
{
    public const string Scheme = "Session";
    public const string CookieName = "rbo_session";
    private const string Selector = "ApiKeyOrSession";

    public static IServiceCollection AddBrowserSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LockoutOptions>(configuration.GetSection("Authentication:Lockout"));
        services.Configure<SessionOptions>(configuration.GetSection("Authentication:Session"));
        services.AddSingleton<LocalSignIn>();
        services.AddScoped<OidcAccounts>();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = BrowserAntiforgery.HeaderName;
            o.FormFieldName = BrowserAntiforgery.FormField;
            o.Cookie.Name = "rbo_antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<AuthenticationOptions>(o =>
        {
            o.DefaultScheme = Selector;
            o.DefaultChallengeScheme = ApiKeyAuthenticationHandler.SchemeName;
            o.DefaultForbidScheme = ApiKeyAuthenticationHandler.SchemeName;
        });
        services.AddAuthentication()
            .AddOidcProviders(OidcSignIn.Read(configuration))
            .AddPolicyScheme(Selector, "API key, token or browser session", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey("Authorization") || context.Request.Headers.ContainsKey("X-Api-Key")
                || !context.Request.Cookies.ContainsKey(CookieName)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : Scheme)
            .AddCookie(Scheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = ValidateAsync;
                // API callers get the API's answers, never a redirect to a page.
                o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
            });
        services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<IOptions<SessionOptions>>((cookie, session) =>
            cookie.ExpireTimeSpan = session.Value.IdleTimeout);
        return services;
    }

    // Every request re-reads the user: a disabled or deleted user loses the session at once, and group changes apply at once.
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var lifetime = services.GetRequiredService<IOptions<SessionOptions>>().Value.Lifetime;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var name = context.Principal?.FindFirst(AgentClaimTypes.Name)?.Value;
        var user = name is null ? null : await FindActiveAsync(services, name, context.HttpContext.RequestAborted);
        if (user is null || context.Properties.IssuedUtc is not { } issued || issued + lifetime < now)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
            return;
        }
        context.ReplacePrincipal(new System.Security.Claims.ClaimsPrincipal(HumanPrincipal.Identity(user, "session", Scheme)));
    }

    private static async Task<RunbookOrchestrator.Identity.Humans.HumanUser?> FindActiveAsync(IServiceProvider services, string name, CancellationToken cancellationToken)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<OrchestratorDbContext>>().CreateDbContextAsync(cancellationToken);
        var user = await db.Set<Persistence.Identity.HumanUserEntity>().AsNoTracking().Include(u => u.Groups)
            .FirstOrDefaultAsync(u => u.Name == name, cancellationToken);
        return user is null || user.Disabled
            ? null
            : new(user.Name, user.DisplayName, user.Email, user.Groups.Select(g => g.GroupName).Order(StringComparer.Ordinal).ToList(), false);
    }
}
