using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RunbookOrchestrator.Tests.Process;

namespace RunbookOrchestrator.Tests.Channels;

/// <summary>A local Teams Workflows webhook: accepts <c>{"type":"message","attachments":[…]}</c>, validates each Adaptive Card
/// against Microsoft's Adaptive Card 1.5 schema (answering 400 with the errors when one does not conform, as a card Teams
/// cannot render is a failed delivery), and keeps what it received.</summary>
public sealed class TeamsWebhookReceiver : IAsyncDisposable
{
    private static readonly Lazy<JsonSchema> CardSchema = new(() => JsonSchema.FromText(File.ReadAllText(
        Path.Combine(ServerProcess.RepositoryRoot(), "tests", "RunbookOrchestrator.Tests", "Channels", "Schemas", "adaptive-card-1.5.json"))));

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonObject> _cards = new();
    private readonly ConcurrentQueue<string> _refusals = new();
    private int _failNext;

    private TeamsWebhookReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }
    public IReadOnlyList<JsonObject> Cards => _cards.ToList();
    public IReadOnlyList<string> Refusals => _refusals.ToList();

    public static async Task<TeamsWebhookReceiver> StartAsync()
    {
        var app = Hosting.LoopbackWebApp.Create(out var baseUrl);
        var receiver = new TeamsWebhookReceiver(app, $"{baseUrl}/workflows/triggers/manual/paths/invoke?sig=secret-signature");
        app.MapPost("/workflows/triggers/manual/paths/invoke", receiver.ReceiveAsync);
        await app.StartAsync();
        return receiver;
    }

    /// <summary>The result of validating <paramref name="card"/> against the 1.5 schema: null when valid, else the errors.</summary>
    public static string? Problems(JsonNode card)
    {
        var result = CardSchema.Value.Evaluate(JsonDocument.Parse(card.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid ? null : string.Join("; ", result.Details.Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
    }

    /// <summary>The next <paramref name="count"/> posts get HTTP 503, as a webhook having a bad minute does.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failNext, count);

    public async Task<JsonObject> WaitForCardAsync(Func<JsonObject, bool> match, int timeoutSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (DateTime.UtcNow < deadline)
        {
            if (_cards.FirstOrDefault(match) is { } card) return card;
            await Task.Delay(50);
        }
        throw new TimeoutException($"no matching card; refusals: {string.Join(" | ", _refusals)}");
    }

    // Takes the request, not the HttpContext: a method of HttpContext returning a Task would bind as a RequestDelegate and its result be ignored.
    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        if (request.Query["sig"] != "secret-signature") return Results.Unauthorized();
        if (Interlocked.Decrement(ref _failNext) >= 0) return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        Interlocked.CompareExchange(ref _failNext, 0, -1);
        var message = JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync()) as JsonObject;
        if (message?["type"]?.GetValue<string>() != "message" || message["attachments"] is not JsonArray { Count: > 0 } attachments)
        {
            _refusals.Enqueue("not a message with attachments");
            return Results.BadRequest();
        }
        foreach (var attachment in attachments)
        {
            if (attachment?["contentType"]?.GetValue<string>() != "application/vnd.microsoft.card.adaptive" || attachment["content"] is not JsonObject card)
            {
                _refusals.Enqueue("an attachment is not an Adaptive Card");
                return Results.BadRequest();
            }
            if (Problems(card) is { } problems)
            {
                _refusals.Enqueue(problems);
                return Results.BadRequest(problems);
            }
            _cards.Enqueue(card);
        }
        return Results.Accepted();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
