using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace RunbookOrchestrator.Runtime.Callbacks;

/// <summary>POSTs a signed JSON completion callback, retrying with exponential backoff on 5xx, 408, 429 and network errors.</summary>
/// <remarks>
/// Only absolute http/https URLs are accepted. Plain http is allowed (local and in-cluster receivers are common);
/// the signature protects integrity and freshness but not confidentiality, so use https across untrusted networks.
/// Every attempt is signed afresh, so a retry carries a current timestamp. Receivers should treat the
/// <c>Idempotency-Key</c> header as the delivery id: retries can deliver the same callback more than once.
/// </remarks>
public sealed class CallbackSender(IHttpClientFactory clients, ILogger<CallbackSender> logger, CallbackSenderOptions options, TimeProvider clock)
{
    public const string HttpClientName = "callbacks";

    public async Task<CallbackDelivery> SendAsync(Uri url, JsonNode payload, string secret, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            return new CallbackDelivery(false, 0, null, "callback URL must be an absolute http or https URL");
        if (string.IsNullOrEmpty(secret))
            return new CallbackDelivery(false, 0, null, "callback secret is empty; refusing to send an unsigned callback");

        var body = payload.ToJsonString();
        var target = Redacted(url);
        var client = clients.CreateClient(HttpClientName);
        var backoff = options.InitialBackoff;
        int? lastStatus = null;
        string? lastError = null;

        for (var attempt = 1; attempt <= options.MaxRetries + 1; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(backoff, clock, cancellationToken);
                backoff = TimeSpan.FromTicks((long)(backoff.Ticks * options.BackoffMultiplier));
            }
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptTimeout.CancelAfter(options.AttemptTimeout);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url)
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                request.Headers.Add(CallbackSigner.HeaderName, CallbackSigner.Sign(body, secret, clock.GetUtcNow()));
                if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
                request.Headers.UserAgent.Add(new ProductInfoHeaderValue("RunbookOrchestrator-Callback", "1"));

                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptTimeout.Token);
                lastStatus = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                    return new CallbackDelivery(true, attempt, lastStatus, null);
                lastError = $"receiver answered {lastStatus}";
                if (!IsTransient(lastStatus.Value))
                {
                    logger.LogWarning("Callback to {Target} refused with {Status}; not retrying", target, lastStatus);
                    return new CallbackDelivery(false, attempt, lastStatus, lastError);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastStatus = null;
                lastError = $"no answer within {options.AttemptTimeout.TotalSeconds:0.#}s";
            }
            catch (HttpRequestException e)
            {
                lastStatus = null;
                lastError = "network error: " + e.Message;
            }
            logger.LogWarning("Callback attempt {Attempt} to {Target} failed: {Error}", attempt, target, lastError);
        }
        return new CallbackDelivery(false, options.MaxRetries + 1, lastStatus, lastError);
    }

    private static bool IsTransient(int status) => status >= 500 || status is 408 or 429;

    /// <summary>Scheme, host and path only: query strings and user info often carry tokens.</summary>
    private static string Redacted(Uri url) => $"{url.Scheme}://{url.Authority}{url.AbsolutePath}";
}
