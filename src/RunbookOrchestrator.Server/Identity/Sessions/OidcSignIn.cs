using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using RunbookOrchestrator.Audit;
using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Server.Identity.Humans;

namespace RunbookOrchestrator.Server.Identity.Sessions;

/// <summary>Sign-in with the company's OpenID Connect providers (authorization code + PKCE): <c>GET /auth/signin/{provider}</c> starts it,
/// the provider answers at <c>/auth/callback/{provider}</c>, and the person gets a browser session with their mapped groups.
/// Users are created or updated on sign-in.</summary>
public static partial class OidcSignIn
{
    private const string SchemePrefix = "oidc-";

    /// <summary>The configured providers by name, checked: a bad configuration stops the server at start, not at someone's sign-in.</summary>
    public static IReadOnlyDictionary<string, OidcProviderOptions> Read(IConfiguration configuration)
    {
        var providers = new SortedDictionary<string, OidcProviderOptions>(StringComparer.Ordinal);
        foreach (var section in configuration.GetSection("Authentication:Oidc").GetChildren())
        {
            var options = section.Get<OidcProviderOptions>() ?? new OidcProviderOptions();
            var where = $"Authentication:Oidc:{section.Key}";
            if (!ProviderName().IsMatch(section.Key))
                throw new InvalidOperationException($"{where}: a provider name is lower-case letters, digits and '-' (it is part of the callback URL)");
            if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
                throw new InvalidOperationException($"{where}:Authority must be an absolute https URL");
            if (authority.Scheme == "http" && (options.RequireHttpsMetadata || !authority.IsLoopback))
                throw new InvalidOperationException($"{where}: an http Authority needs RequireHttpsMetadata=false, which is accepted for a loopback provider only");
            if (!options.RequireHttpsMetadata && !authority.IsLoopback)
                throw new InvalidOperationException($"{where}:RequireHttpsMetadata=false is accepted for a loopback Authority only");
            if (options.ClientId.Length == 0) throw new InvalidOperationException($"{where}:ClientId is required");
            providers[section.Key] = options;
        }
        return providers;
    }

    public static AuthenticationBuilder AddOidcProviders(this AuthenticationBuilder builder, IReadOnlyDictionary<string, OidcProviderOptions> providers)
    {
        builder.Services.AddSingleton(providers);
        foreach (var (name, provider) in providers)
            builder.AddOpenIdConnect(SchemePrefix + name, provider.DisplayName ?? name, o => Configure(o, name, provider));
        return builder;
    }

    public static IEndpointRouteBuilder MapOidcSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/auth/signin/{provider}", (string provider, string? returnUrl, IReadOnlyDictionary<string, OidcProviderOptions> providers) =>
            providers.ContainsKey(provider)
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = SignInPages.LocalReturnUrl(returnUrl) ?? "/auth/me" }, [SchemePrefix + provider])
                : Results.NotFound()).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static void Configure(OpenIdConnectOptions o, string name, OidcProviderOptions provider)
    {
        var authority = provider.Authority.TrimEnd('/');
        o.Authority = authority;
        o.ClientId = provider.ClientId;
        o.ClientSecret = provider.ClientSecret;
        o.RequireHttpsMetadata = provider.RequireHttpsMetadata;
        o.ResponseType = "code";
        // A query response arrives as a top-level GET, so the SameSite=Lax correlation and nonce cookies come with it.
        o.ResponseMode = "query";
        o.UsePkce = true;
        o.CallbackPath = $"/auth/callback/{name}";
        o.SignInScheme = SessionAuthentication.Scheme;
        o.SaveTokens = false;
        o.MapInboundClaims = false;
        o.GetClaimsFromUserInfoEndpoint = false;
        o.Scope.Clear();
        foreach (var scope in new[] { "openid", "profile", "email" }) o.Scope.Add(scope);
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.TokenValidationParameters.ValidIssuer = authority;
        o.TokenValidationParameters.RequireSignedTokens = true;
        o.TokenValidationParameters.NameClaimType = "preferred_username";
        o.Events.OnRedirectToIdentityProvider = async context =>
        {
            // The handler also trusts the issuer named in discovery; a provider that names another issuer is not the one configured.
            var discovered = await context.Options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
            if (!string.Equals(discovered.Issuer?.TrimEnd('/'), authority, StringComparison.Ordinal))
            {
                context.HandleResponse();
                await FailAsync(context.HttpContext, name, $"the provider's discovery document names issuer '{discovered.Issuer}', not the configured '{authority}'");
            }
        };
        // The handler does not require a signature on an ID token from the token endpoint (OIDC Core 3.1.3.7 lets TLS stand
        // in for it); a signed one is still checked. We require the signature: TLS to the provider is not the only defence.
        o.Events.OnTokenResponseReceived = context =>
        {
            if (context.TokenEndpointResponse.IdToken is { } idToken && !IsSigned(idToken))
                context.Fail("the provider's token endpoint returned an unsigned ID token (alg 'none'); unsigned ID tokens are refused");
            return Task.CompletedTask;
        };
        o.Events.OnTokenValidated = context => SignInAsync(context, name, provider, authority);
        o.Events.OnRemoteFailure = async context =>
        {
            context.HandleResponse();
            await FailAsync(context.HttpContext, name, context.Failure?.Message ?? "the provider's answer was refused");
        };
    }

    private static async Task SignInAsync(TokenValidatedContext context, string name, OidcProviderOptions provider, string authority)
    {
        var token = context.SecurityToken;
        if (!string.Equals(token.Issuer.TrimEnd('/'), authority, StringComparison.Ordinal))
        {
            context.Fail($"the ID token was issued by '{token.Issuer}', not '{authority}'");
            return;
        }
        var claims = context.Principal!;
        var subject = claims.FindFirst("sub")?.Value;
        if (string.IsNullOrEmpty(subject) || subject.Length > 255)
        {
            context.Fail("the ID token has no usable subject ('sub')");
            return;
        }
        var userName = claims.FindFirst("preferred_username")?.Value ?? subject;
        if (HumanNames.Problem("user name", userName) is { } problem)
        {
            context.Fail($"the provider's user name cannot be used here: {problem}");
            return;
        }
        // An email the provider says it has not verified is not used: Slack users are matched to ours by email.
        var email = claims.FindFirst("email_verified")?.Value is "false" ? null : claims.FindFirst("email")?.Value;
        var person = new OidcIdentity(name, subject, HumanNames.Normalize(userName), claims.FindFirst("name")?.Value, email,
            claims.FindAll(provider.GroupsClaim).Select(c => c.Value).ToList());
        var accounts = context.HttpContext.RequestServices.GetRequiredService<OidcAccounts>();
        HumanUser user;
        switch (await accounts.SignInAsync(person, provider, context.HttpContext.RequestAborted))
        {
            case OidcAccountOutcome.SignedIn signedIn:
                user = signedIn.User;
                break;
            case OidcAccountOutcome.Refused refused:
                context.Fail(refused.Reason);
                return;
            default:
                throw new InvalidOperationException("unknown sign-in outcome");
        }

        context.Principal = new ClaimsPrincipal(HumanPrincipal.Identity(user, "session", SessionAuthentication.Scheme));
        await context.HttpContext.RequestServices.GetRequiredService<IAuditTrail>().AppendAsync([new AuditRecord(
            AuditEventKinds.UserSignedIn, "human", user.Name, Channel: "web", ClientAddress: context.HttpContext.Connection.RemoteIpAddress?.ToString(),
            Data: new JsonObject { ["method"] = $"oidc:{name}", ["groups"] = new JsonArray([.. user.Groups.Select(g => (JsonNode)g)]) })]);
    }

    private static bool IsSigned(string idToken)
    {
        var parts = idToken.Split('.');
        if (parts.Length != 3 || parts[2].Length == 0) return false;
        try
        {
            var alg = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(idToken).Alg;
            return !string.IsNullOrEmpty(alg) && !alg.Equals("none", StringComparison.OrdinalIgnoreCase);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task FailAsync(HttpContext context, string provider, string reason)
    {
        await context.RequestServices.GetRequiredService<IAuditTrail>().AppendAsync([new AuditRecord(
            AuditEventKinds.UserSignInFailed, "human", "unknown", Channel: "web", ClientAddress: context.Connection.RemoteIpAddress?.ToString(),
            Data: new JsonObject { ["method"] = $"oidc:{provider}", ["refusal"] = reason.Length > 300 ? reason[..300] : reason })]);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync($"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-in failed</title></head><body><main><h1>Sign-in with {WebUtility.HtmlEncode(provider)} failed</h1><p role=\"alert\">{WebUtility.HtmlEncode(reason)}</p><p><a href=\"/auth/signin\">Back to sign-in</a></p></main></body></html>");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex ProviderName();
}
