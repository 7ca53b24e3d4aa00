using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Activities.Http;

/// <summary>The validated parameters of one <c>http.request</c> step.</summary>
internal sealed record HttpCallPlan(
    HttpMethod Method,
    Uri Url,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    JsonNode? Body,
    TimeSpan Timeout,
    IReadOnlySet<int>? ExpectStatus,
    int MaxResponseBytes,
    bool KeepBody = true)
{
    /// <summary>The target without query or user info, which may carry tokens; safe for logs and messages.</summary>
    public string SafeTarget => $"{Url.Scheme}://{Url.Authority}{Url.AbsolutePath}";

    public bool Accepts(int status) => ExpectStatus?.Contains(status) ?? status is >= 200 and < 300;

    public static HttpCallPlan Read(ParameterReader reader, ActivityOptions options)
    {
        var urlText = reader.RequiredString("url");
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            throw new ParameterException("url", "parameter 'url' must be an absolute http or https URL");

        var methodText = (reader.OptionalString("method") ?? "GET").Trim().ToUpperInvariant();
        if (methodText.Length == 0 || !methodText.All(char.IsAsciiLetter))
            throw new ParameterException("method", $"parameter 'method' is not an HTTP method: '{methodText}'");

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in reader.Object("headers") ?? [])
        {
            var text = value switch
            {
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                JsonValue v when v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
                _ => throw new ParameterException("headers", $"header '{name}' must be a string"),
            };
            headers.Add(new(name, text));
        }

        return new HttpCallPlan(
            new HttpMethod(methodText),
            url,
            headers,
            reader.Raw("body"),
            reader.Duration("timeout", options.HttpTimeout),
            ReadExpectStatus(reader.Raw("expect_status")),
            reader.Int("max_response_bytes", options.HttpMaxResponseBytes, min: 0),
            reader.Bool("keep_body", true));
    }

    public HttpRequestMessage CreateRequest(string idempotencyKey)
    {
        var request = new HttpRequestMessage(Method, Url);
        if (Body is not null)
        {
            request.Content = Body is JsonValue v && v.GetValueKind() == JsonValueKind.String
                ? new StringContent(v.GetValue<string>(), Encoding.UTF8, "text/plain")
                : new StringContent(Body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        foreach (var (name, value) in Headers)
        {
            if (request.Headers.TryAddWithoutValidation(name, value)) continue;
            // Content headers (Content-Type and friends) live on the content, not the request.
            if (request.Content is null) throw new ParameterException("headers", $"header '{name}' needs a body");
            request.Content.Headers.Remove(name);
            if (!request.Content.Headers.TryAddWithoutValidation(name, value))
                throw new ParameterException("headers", $"header '{name}' cannot be set");
        }
        request.Headers.Remove("Idempotency-Key");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        return request;
    }

    private static IReadOnlySet<int>? ReadExpectStatus(JsonNode? node)
    {
        const string error = "parameter 'expect_status' must be a status code or a list of status codes";
        if (node is null) return null;
        var items = node is JsonArray array ? array.ToList() : [node];
        var codes = new HashSet<int>();
        foreach (var item in items)
        {
            if (item is not JsonValue v) throw new ParameterException("expect_status", error);
            int code;
            if (JsonNumber.TryGetInt32(v, out var n)) code = n;
            else if (v.GetValueKind() == JsonValueKind.String && int.TryParse(v.GetValue<string>(), out var p)) code = p;
            else throw new ParameterException("expect_status", error);
            if (code is < 100 or > 599) throw new ParameterException("expect_status", $"status code {code} is outside 100-599");
            codes.Add(code);
        }
        return codes;
    }
}
