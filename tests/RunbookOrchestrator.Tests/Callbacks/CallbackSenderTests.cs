using Microsoft.Extensions.Logging;
using RunbookOrchestrator.Egress;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Runtime.Callbacks;

namespace RunbookOrchestrator.Tests.Callbacks;

public class CallbackSenderTests
{
    private const string Secret = "whsec_sender_test";

    /// <summary>A real receiver on 127.0.0.1 that answers with the next status in its script and records what it got.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication app;
        private readonly Queue<int> statuses;

        public ConcurrentQueue<(string Signature, string? IdempotencyKey, string Body)> Received { get; } = new();
        public Uri Url { get; private set; } = null!;

        private Receiver(WebApplication app, IEnumerable<int> statuses)
        {
            this.app = app;
            this.statuses = new Queue<int>(statuses);
        }

        public static async Task<Receiver> StartAsync(params int[] statuses)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var receiver = new Receiver(builder.Build(), statuses);
            receiver.app.MapPost("/hook", async (HttpRequest request) =>
            {
                var body = await new StreamReader(request.Body).ReadToEndAsync();
                receiver.Received.Enqueue((request.Headers[CallbackSigner.HeaderName].ToString(), request.Headers["Idempotency-Key"].FirstOrDefault(), body));
                lock (receiver.statuses)
                    return Results.StatusCode(receiver.statuses.Count > 0 ? receiver.statuses.Dequeue() : 200);
            });
            await receiver.app.StartAsync();
            var address = receiver.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            receiver.Url = new Uri(address + "/hook");
            return receiver;
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static CallbackSender Sender()
    {
        var services = new ServiceCollection().AddLogging()
            .AddEgressPolicy(EgressPolicy.Parse(["127.0.0.1/32"]))
            .AddCallbackSender(new CallbackSenderOptions { InitialBackoff = TimeSpan.FromMilliseconds(10) })
            .BuildServiceProvider();
        return services.GetRequiredService<CallbackSender>();
    }

    /// <summary>A loopback port nothing listens on (bound, read, released).</summary>
    private static int ClosedLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static readonly JsonObject Payload = new() { ["run_id"] = "run_42", ["status"] = "Succeeded" };

    [Fact]
    public async Task Callback_is_retried_after_a_500_and_then_delivered()
    {
        await using var receiver = await Receiver.StartAsync(500, 200);

        var delivery = await Sender().SendAsync(receiver.Url, Payload, Secret, "run_42:callback");

        Assert.True(delivery.Delivered);
        Assert.Equal(2, delivery.Attempts);
        Assert.Equal(2, receiver.Received.Count);
    }

    [Fact]
    public async Task Delivered_callback_carries_a_signature_the_receiver_can_verify()
    {
        await using var receiver = await Receiver.StartAsync(200);

        await Sender().SendAsync(receiver.Url, Payload, Secret, "run_42:callback");

        var (signature, key, body) = Assert.Single(receiver.Received);
        Assert.Equal(CallbackSignatureCheck.Valid, CallbackSignature.Verify(signature, body, Secret, TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow));
        Assert.Equal("run_42:callback", key);
        Assert.Equal("run_42", (string?)JsonNode.Parse(body)!["run_id"]);
    }

    [Fact]
    public async Task Callback_gives_up_after_three_retries_of_server_errors()
    {
        await using var receiver = await Receiver.StartAsync(503, 503, 503, 503, 200);

        var delivery = await Sender().SendAsync(receiver.Url, Payload, Secret);

        Assert.False(delivery.Delivered);
        Assert.Equal(4, delivery.Attempts);
        Assert.Equal(503, delivery.LastStatusCode);
    }

    [Fact]
    public async Task Client_error_from_the_receiver_is_not_retried()
    {
        await using var receiver = await Receiver.StartAsync(400, 200);

        var delivery = await Sender().SendAsync(receiver.Url, Payload, Secret);

        Assert.False(delivery.Delivered);
        Assert.Equal(1, delivery.Attempts);
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task Unreachable_receiver_is_reported_as_a_network_error_after_retries()
    {
        var port = ClosedLoopbackPort();

        var delivery = await Sender().SendAsync(new Uri($"http://127.0.0.1:{port}/hook"), Payload, Secret);

        Assert.False(delivery.Delivered);
        Assert.Equal(4, delivery.Attempts);
        Assert.StartsWith("network error", delivery.Error);
    }

    [Fact]
    public async Task An_unreachable_receiver_leaves_no_stack_trace_in_the_logs()
    {
        var port = ClosedLoopbackPort();
        var logs = new RunbookOrchestrator.Tests.Hosting.LogRecorder();
        var sender = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace).AddProvider(logs))
            .AddEgressPolicy(EgressPolicy.Parse(["127.0.0.1/32"]))
            .AddCallbackSender(new CallbackSenderOptions { InitialBackoff = TimeSpan.FromMilliseconds(10) })
            .BuildServiceProvider().GetRequiredService<CallbackSender>();

        var delivery = await sender.SendAsync(new Uri($"http://127.0.0.1:{port}/hook"), Payload, Secret);

        Assert.False(delivery.Delivered);
        var traces = logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Information && (e.Exception is not null || e.Message.Contains("   at "))).ToList();
        Assert.True(traces.Count == 0, string.Join("\n", traces.Select(t => $"{t.Level} {t.Category}: {t.Message}")));
    }

    [Theory]
    [InlineData("ftp://example.com/hook")]
    [InlineData("file:///etc/passwd")]
    public async Task Non_http_callback_url_is_refused_without_sending(string url)
    {
        var delivery = await Sender().SendAsync(new Uri(url), Payload, Secret);

        Assert.False(delivery.Delivered);
        Assert.Equal(0, delivery.Attempts);
        Assert.Contains("http or https", delivery.Error);
    }
}
