using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Polly.Timeout;
using RunbookOrchestrator.Egress;

namespace RunbookOrchestrator.Runtime.Callbacks;

/// <summary>POSTs a signed JSON completion callback. Retries (5xx, 408, 429, network errors and timeouts; 1 s, 2 s, 4 s)
/// come from the <c>callbacks</c> client's resilience pipeline (<see cref="CallbackServiceCollectionExtensions"/>), and each
/// attempt is signed afresh by <see cref="CallbackAttemptHandler"/>.</summary>
/// <remarks>
/// Only absolute http/https URLs are accepted. Plain http is allowed (local and in-cluster receivers are common);
/// the signature protects integrity and freshness but not confidentiality, so use https across untrusted networks.
/// Receivers should treat the <c>Idempotency-Key</c> header as the delivery id: a callback can arrive more than once.
/// A refusal by the egress policy is final at once: retrying cannot make a forbidden address allowed.
/// </remarks>
public sealed class CallbackSender(IHttpClientFactory clients, ILogger<CallbackSender> logger, CallbackSenderOptions options)
{
    public const string HttpClientName = "callbacks";

    public async Task<CallbackDelivery> SendAsync(Uri url, JsonNode payload, string secret, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            return new CallbackDelivery(false, 0, null, "callback URL must be an absolute http or https URL");
        if (string.IsNullOrEmpty(secret))
            return new CallbackDelivery(false, 0, null, "callback secret is empty; refusing to send an unsigned callback");

        var attempts = new StrongBox<int>();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Options.Set(CallbackAttemptHandler.SecretKey, secret);
        request.Options.Set(CallbackAttemptHandler.AttemptsKey, attempts);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("RunbookOrchestrator-Callback", "1"));

        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return new CallbackDelivery(true, attempts.Value, status, null);
            return new CallbackDelivery(false, attempts.Value, status, $"receiver answered {status}" + (CallbackRetryRule.IsTransient(status) ? $" after {attempts.Value} attempts" : " (final: not retried)"));
        }
        catch (Exception e) when (EgressConnector.RefusalIn(e) is { } refused)
        {
            return new CallbackDelivery(false, attempts.Value, null, refused.Message);
        }
        catch (TimeoutRejectedException)
        {
            return new CallbackDelivery(false, attempts.Value, null, $"no answer within {options.AttemptTimeout.TotalSeconds:0.#}s, {attempts.Value} attempts");
        }
        catch (HttpRequestException e)
        {
            // Expected when a receiver is down: a reason, not a stack trace (the caller logs one line).
            logger.LogDebug("Callback to {Target} failed: {Reason}", Redacted(url), e.Message);
            return new CallbackDelivery(false, attempts.Value, null, $"network error: {e.Message} ({attempts.Value} attempts)");
        }
    }

    /// <summary>Scheme, host and path only: query strings and user info often carry tokens.</summary>
    public static string Redacted(Uri url) => $"{url.Scheme}://{url.Authority}{url.AbsolutePath}";
}
