using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RunbookOrchestrator.Tests.Activities.Http;

/// <summary>A real Kestrel server on 127.0.0.1 with a free port, answering the routes the http.request tests call.</summary>
public sealed class HttpTestServer : IAsyncLifetime
{
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();

        app.MapMethods("/echo", ["GET", "POST", "PUT", "DELETE"], async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            return Results.Json(new
            {
                method = request.Method,
                idempotency_key = request.Headers["Idempotency-Key"].ToString(),
                content_type = request.ContentType,
                x_custom = request.Headers["X-Custom"].ToString(),
                body,
            });
        });
        app.MapGet("/status/{code:int}", (int code) => Results.StatusCode(code));
        app.MapGet("/text", () => Results.Text("plain words", "text/plain"));
        app.MapGet("/bytes/{count:int}", (int count) => Results.Text(new string('x', count), "text/plain"));
        app.MapGet("/streamed/{count:int}", async (HttpResponse response, int count) =>
        {
            // Written in pieces with no Content-Length, so only the reading cap can stop it.
            response.ContentType = "text/plain";
            var piece = new string('y', 1000);
            for (var written = 0; written < count; written += piece.Length)
                await response.WriteAsync(piece);
        });
        app.MapGet("/slow", async (HttpContext http) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), http.RequestAborted);
            return Results.Ok();
        });

        await app.StartAsync();
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address.TrimEnd('/');
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
