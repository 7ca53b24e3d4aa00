using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Tests.OpenApi;

/// <summary>One request and its response as a client saw them.</summary>
public sealed record RecordedExchange(string Method, string Path, int Status, string? MediaType, string Body)
{
    public JsonNode? Json => Body.Length == 0 || MediaType is not ("application/json" or "application/problem+json") ? null : JsonNode.Parse(Body);
}

/// <summary>Records every exchange of the clients it is put in front of.</summary>
public sealed class ExchangeRecorder(ConcurrentQueue<RecordedExchange> exchanges) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        // An event stream may never end: its status and media type are what the document describes; the body stays unread.
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            exchanges.Enqueue(new RecordedExchange(request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode, "text/event-stream", ""));
            return response;
        }
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        exchanges.Enqueue(new RecordedExchange(request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body));
        return response;
    }
}
