using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RunbookOrchestrator.Tests.Runtime;

/// <summary>A real Kestrel server on 127.0.0.1 that records every request it gets, keyed by a token in the path.</summary>
public sealed class RecordingServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<RecordedRequest>> _received = new();
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Requests seen for <paramref name="token"/>, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Received(string token) =>
        _received.TryGetValue(token, out var queue) ? queue.ToList() : [];

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();

        // Unavailable twice, then fine: what a retry policy is for.
        app.MapMethods("/flaky/{token}", ["GET", "POST"], async (string token, HttpRequest request) =>
        {
            var seen = await RecordAsync(token, request);
            return seen <= 2 ? Results.StatusCode(503) : Results.Json(new { ok = true, attempt = seen });
        });
        app.MapMethods("/status/{code:int}/{token}", ["GET", "POST"], async (int code, string token, HttpRequest request) =>
        {
            await RecordAsync(token, request);
            return Results.StatusCode(code);
        });
        // Answers after the given delay: a call that takes time.
        app.MapMethods("/slow/{ms:int}/{token}", ["GET", "POST"], async (int ms, string token, HttpRequest request) =>
        {
            await RecordAsync(token, request);
            await Task.Delay(ms);
            return Results.Ok();
        });
        app.MapPost("/callback/{token}", async (string token, HttpRequest request) =>
        {
            await RecordAsync(token, request);
            return Results.Ok();
        });

        await app.StartAsync();
        _app = app;
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    private async Task<int> RecordAsync(string token, HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var queue = _received.GetOrAdd(token, _ => new ConcurrentQueue<RecordedRequest>());
        lock (queue)
        {
            queue.Enqueue(new RecordedRequest(request.Method, headers, body));
            return queue.Count;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}

/// <summary>One request as the recording server saw it.</summary>
public sealed record RecordedRequest(string Method, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
