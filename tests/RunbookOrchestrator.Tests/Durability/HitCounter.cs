using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RunbookOrchestrator.Tests.Durability;

/// <summary>A real Kestrel server on 127.0.0.1 that runbook steps call (<c>POST /hit/{step}/{runId}</c>); it records every call,
/// so a test can count how often each step of each run really ran, whatever the orchestrator believes.</summary>
public sealed class HitCounter : IAsyncDisposable
{
    private readonly ConcurrentQueue<Hit> _hits = new();
    private readonly WebApplication _app;

    private HitCounter(WebApplication app) => _app = app;

    /// <summary>Where steps send their hits, without a trailing slash.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>How long each hit is held before it is answered, so runs are caught while a step is in flight.</summary>
    public TimeSpan ResponseDelay { get; set; } = TimeSpan.Zero;

    public IReadOnlyList<Hit> Hits => _hits.ToArray();

    public int Count => _hits.Count;

    public static async Task<HitCounter> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var counter = new HitCounter(app);
        app.MapPost("/hit/{step}/{runId}", async (string step, string runId, HttpRequest request) =>
        {
            counter._hits.Enqueue(new Hit(step, runId, request.Headers["Idempotency-Key"].ToString()));
            if (counter.ResponseDelay > TimeSpan.Zero) await Task.Delay(counter.ResponseDelay);
            return Results.Json(new { counted = true });
        });
        await app.StartAsync();
        counter.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return counter;
    }

    /// <summary>How many times <paramref name="step"/> of <paramref name="runId"/> was called.</summary>
    public int CountOf(string step, string runId) => _hits.Count(h => h.Step == step && h.RunId == runId);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One call a step made: which step, of which run, with the Idempotency-Key the engine sent.</summary>
public sealed record Hit(string Step, string RunId, string IdempotencyKey);
