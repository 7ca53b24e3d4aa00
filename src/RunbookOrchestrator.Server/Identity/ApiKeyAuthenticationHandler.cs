using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using RunbookOrchestrator.Identity;
using RunbookOrchestrator.Server.Identity.Humans;

namespace RunbookOrchestrator.Server.Identity;

/// <summary>Authenticates agents by <c>Authorization: Bearer rbo_…</c> or <c>X-Api-Key: rbo_…</c>, and, when human identities are registered,
/// humans by <c>Authorization: Bearer &lt;personal token&gt;</c>; answers failures with a 401 problem+json.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IAgentKeyStore store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ApiKeyHeader = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey();
        if (presented is null && PresentedBearer() is { Length: > 0 } bearer
            && Context.RequestServices.GetService<HumanTokenAuthenticator>() is { } humans)
        {
            var human = await humans.AuthenticateAsync(bearer, Scheme.Name, Context.RequestAborted);
            if (human.Identity is not null)
                return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(human.Identity), Scheme.Name));
            if (human.Failure is not null)
                return Fail(human.Failure, "Personal token rejected: {Reason}");
            // Unknown here may still suit another scheme, so it stays NoResult below; only the wording of a final 401 changes.
            Context.Items[typeof(ApiKeyFailure)] = UserTokenFailures.Unknown;
            return AuthenticateResult.NoResult();
        }
        if (presented is null)
        {
            // A foreign bearer token may belong to another scheme, so this is no failure yet; but if nothing accepts it,
            // the challenge should say the credential was wrong rather than absent.
            if (Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                Context.Items[typeof(ApiKeyFailure)] = ApiKeyFailure.Invalid;
            return AuthenticateResult.NoResult();
        }

        if (!ApiKeyFormat.TryParse(presented, out var key))
            return Fail(ApiKeyFailure.Invalid);
        var stored = await store.FindByIdAsync(key.Id, Context.RequestAborted);
        if (stored is null || !ApiKeyFormat.Matches(key, stored.SecretHash))
            return Fail(ApiKeyFailure.Invalid);
        if (stored.Key.IsRevoked)
            return Fail(ApiKeyFailure.Revoked);

        var principal = new ClaimsPrincipal(AgentPrincipal.Identity(stored.Key, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var failure = (Context.Items[typeof(ApiKeyFailure)] as ApiKeyFailure) ?? ApiKeyFailure.Missing;
        if (result.Succeeded) failure = ApiKeyFailure.Invalid;
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, failure);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, ApiKeyFailure.Forbidden);

    private AuthenticateResult Fail(ApiKeyFailure failure) => Fail(failure, "Agent API key rejected: {Reason}");

    private AuthenticateResult Fail(ApiKeyFailure failure, string logMessage)
    {
        Context.Items[typeof(ApiKeyFailure)] = failure;
        Logger.LogInformation(logMessage, failure.Title);
        return AuthenticateResult.Fail(failure.Title);
    }

    private string? PresentedBearer()
    {
        var authorization = Request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }

    private string? PresentedKey()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization["Bearer ".Length..].Trim();
            // Other bearer tokens (human JWTs) belong to other schemes; only rbo_ keys are ours.
            if (token.StartsWith(ApiKeyFormat.Scheme + "_", StringComparison.Ordinal)) return token;
        }
        var header = Request.Headers[ApiKeyHeader].ToString().Trim();
        return header.Length > 0 ? header : null;
    }

    private Task WriteProblemAsync(int status, ApiKeyFailure failure)
    {
        if (status == StatusCodes.Status401Unauthorized)
            Response.Headers.WWWAuthenticate = $"Bearer realm=\"runbook-orchestrator\", error=\"invalid_token\", error_description=\"{failure.Title}\"";
        // The same shape as every other problem (code, trace_id), so clients parse one format.
        return RunbookOrchestrator.Server.Api.ApiProblems.WriteAsync(Context, status, failure.Code, failure.Title, failure.Detail);
    }
}
