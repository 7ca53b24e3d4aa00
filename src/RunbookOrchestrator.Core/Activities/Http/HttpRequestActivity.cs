using RunbookOrchestrator.Egress;
using RunbookOrchestrator.Definitions;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RunbookOrchestrator.Activities.Http;

/// <summary><c>http.request</c>: one HTTP call with an idempotency key, a timeout, a response size cap and status checks.</summary>
public sealed class HttpRequestActivity(IHttpClientFactory clients, IOptions<ActivityOptions> options) : IActivity
{
    /// <summary>Name of the <see cref="HttpClient"/> this activity asks the factory for.</summary>
    public const string ClientName = "activities";

    public ActivityDescriptor Descriptor { get; } = new(
        "http.request",
        "Sends an HTTP request and returns status, content type and body.",
        [
            new ActivityParameter("url", "string", true, "Absolute http or https URL"),
            new ActivityParameter("method", "string", false, "HTTP method (default GET)"),
            new ActivityParameter("headers", "object", false, "Request headers"),
            new ActivityParameter("body", "any", false, "Objects and lists are sent as JSON, strings as text"),
            new ActivityParameter("timeout", "duration", false, "Default 30s"),
            new ActivityParameter("expect_status", "int|array", false, "Accepted status codes (default any 2xx)"),
            new ActivityParameter("max_response_bytes", "int", false, "Largest body read (default 1 MiB)"),
            new ActivityParameter("keep_body", "bool", false, "false: the step output keeps status and headers, not the body (default true)"),
        ],
        [Outcomes.Done, Outcomes.Failed]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        HttpCallPlan plan;
        HttpRequestMessage request;
        try
        {
            plan = HttpCallPlan.Read(new ParameterReader(context.Parameters), options.Value);
            request = plan.CreateRequest(context.IdempotencyKey);
        }
        catch (ParameterException ex)
        {
            return ActivityResult.Fail(ex.Message);
        }

        using var ownedRequest = request;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(plan.Timeout);
        var client = clients.CreateClient(ClientName);
        var target = plan.SafeTarget;

        context.Logger.LogInformation("HTTP {Method} {Target}", plan.Method, target);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            context.Logger.LogInformation("HTTP {Method} {Target} answered {Status}", plan.Method, target, status);

            var body = await CappedBody.ReadAsync(response.Content, plan.MaxResponseBytes, timeout.Token);
            if (body is null)
                return ActivityResult.Fail($"response body of {plan.Method} {target} exceeds max_response_bytes ({plan.MaxResponseBytes} bytes)");

            // A probe only needs the status; not keeping the body means a run cannot be used to read what a URL serves.
            var output = Output(response, status, plan.KeepBody ? body : []);
            if (plan.Accepts(status)) return ActivityResult.Done(output);
            var retryable = status >= 500 || status == 429;
            return ActivityResult.Fail($"{plan.Method} {target} answered unexpected status {status}", retryable, output);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ActivityResult.Fail($"{plan.Method} {target} timed out after {DurationText.Format(plan.Timeout)}", retryable: true);
        }
        catch (HttpRequestException ex) when (EgressConnector.RefusalIn(ex) is { } refused)
        {
            // Retrying cannot make a forbidden address allowed; the message names the rule and how to allow the host.
            return ActivityResult.Fail($"{plan.Method} {target}: {refused.Message}", retryable: false);
        }
        catch (HttpRequestException ex)
        {
            return ActivityResult.Fail($"{plan.Method} {target} failed: {ex.Message}", retryable: true);
        }
    }

    private static JsonObject Output(HttpResponseMessage response, int status, byte[] body)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        return new JsonObject
        {
            ["status"] = status,
            ["headers"] = new JsonObject { ["content-type"] = response.Content.Headers.ContentType?.ToString() },
            ["body"] = ParseBody(body, mediaType, response.Content.Headers.ContentType?.CharSet),
        };
    }

    private static JsonNode? ParseBody(byte[] body, string? mediaType, string? charset)
    {
        if (body.Length == 0) return null;
        var isJson = mediaType is not null && (mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        if (isJson)
        {
            try
            {
                return JsonNode.Parse(body);
            }
            catch (JsonException)
            {
                // A server that mislabels its body still gets its text returned rather than failing the step.
            }
        }
        var encoding = Encoding.UTF8;
        if (charset is not null)
        {
            try { encoding = Encoding.GetEncoding(charset.Trim('"')); }
            catch (ArgumentException) { encoding = Encoding.UTF8; }
        }
        return JsonValue.Create(encoding.GetString(body));
    }
}
