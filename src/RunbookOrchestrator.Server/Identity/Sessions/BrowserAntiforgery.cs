using Microsoft.AspNetCore.Antiforgery;
using RunbookOrchestrator.Server.Api;

namespace RunbookOrchestrator.Server.Identity.Sessions;

/// <summary>Antiforgery for browser sessions: every state-changing request that a session cookie authenticates must carry the token,
/// in the <c>X-XSRF-TOKEN</c> header (scripts read it from the <c>XSRF-TOKEN</c> cookie) or the form field. Bearer callers are unaffected:
/// a browser never adds their header by itself.</summary>
public static class BrowserAntiforgery
{
    public const string HeaderName = "X-XSRF-TOKEN";
    public const string CookieName = "XSRF-TOKEN";
    public const string FormField = "__RequestVerificationToken";

    public static IApplicationBuilder UseBrowserAntiforgery(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.AuthenticationType == SessionAuthentication.Scheme && !IsSafe(context.Request.Method)
            && !await IsValidAsync(context))
        {
            await ApiProblems.WriteAsync(context, StatusCodes.Status400BadRequest, "antiforgery-token-invalid", "Missing or invalid antiforgery token",
                $"A request made with a browser session must send the antiforgery token in the '{HeaderName}' header (its value is in the '{CookieName}' cookie) or the '{FormField}' form field.");
            return;
        }
        await next();
    });

    /// <summary>True when the request carries a valid antiforgery token for the current user.</summary>
    public static async Task<bool> IsValidAsync(HttpContext context)
    {
        try
        {
            await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    /// <summary>Issues a token for the current user: returned for a form, and set in the script-readable <c>XSRF-TOKEN</c> cookie.</summary>
    public static string Issue(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        context.Response.Cookies.Append(CookieName, tokens.RequestToken!, new CookieOptions
        {
            HttpOnly = false,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
        });
        return tokens.RequestToken!;
    }

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
}
