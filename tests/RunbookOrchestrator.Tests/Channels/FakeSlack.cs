using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RunbookOrchestrator.Tests.Channels;

/// <summary>A local server speaking the Slack Web API methods reviews use (<c>chat.postMessage</c>, <c>chat.update</c>,
/// <c>chat.postEphemeral</c>, <c>views.open</c>, <c>users.info</c>) with Slack's shapes (<c>{"ok": …}</c>, bearer token, JSON or
/// form arguments), recording every call; and the sender of Slack's signed interaction requests.</summary>
public sealed class FakeSlack : IAsyncDisposable
{
    public const string BotToken = "xoxb-test-0000000000-abcdefghijklmnop";
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string Channel = "C0REVIEWS";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Method, JsonObject Body)> _calls = new();
    private readonly ConcurrentDictionary<string, (string Email, bool Confirmed)> _users = new();
    private long _ts = 1_700_000_000;

    private FakeSlack(WebApplication app) => _app = app;

    public string ApiBaseUrl { get; private set; } = "";

    public static async Task<FakeSlack> StartAsync()
    {
        var app = Hosting.LoopbackWebApp.Create(out var baseUrl);
        var slack = new FakeSlack(app) { ApiBaseUrl = $"{baseUrl}/api" };
        app.MapPost("/api/{method}", slack.HandleAsync);
        await app.StartAsync();
        return slack;
    }

    /// <summary>Slack's answer to <c>users.info</c> for <paramref name="userId"/>.</summary>
    public void AddUser(string userId, string email, bool emailConfirmed = true) => _users[userId] = (email, emailConfirmed);

    public IReadOnlyList<(string Method, JsonObject Body)> Calls => _calls.ToList();

    public async Task<JsonObject> WaitForCallAsync(string method, Func<JsonObject, bool> match, int timeoutSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (DateTime.UtcNow < deadline)
        {
            if (_calls.FirstOrDefault(c => c.Method == method && match(c.Body)) is { Body: not null } found) return found.Body;
            await Task.Delay(50);
        }
        throw new TimeoutException($"no {method} call matched; calls: {string.Join(", ", _calls.Select(c => c.Method))}");
    }

    private async Task<IResult> HandleAsync(string method, HttpContext context)
    {
        if (context.Request.Headers.Authorization.ToString() != $"Bearer {BotToken}") return Results.Json(new { ok = false, error = "invalid_auth" });
        JsonObject body;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync();
            body = new JsonObject(form.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value.ToString())));
        }
        else body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync()) as JsonObject ?? new JsonObject();
        _calls.Enqueue((method, body));
        switch (method)
        {
            case "chat.postMessage":
                var ts = $"{Interlocked.Increment(ref _ts)}.000100";
                return Results.Json(new JsonObject { ["ok"] = true, ["channel"] = body["channel"]?.GetValue<string>(), ["ts"] = ts });
            case "chat.update":
                return Results.Json(new JsonObject { ["ok"] = true, ["channel"] = body["channel"]?.GetValue<string>(), ["ts"] = body["ts"]?.GetValue<string>() });
            case "chat.postEphemeral":
                return Results.Json(new { ok = true, message_ts = "1.1" });
            case "views.open":
                return body["trigger_id"] is null ? Results.Json(new { ok = false, error = "invalid_trigger_id" }) : Results.Json(new { ok = true });
            case "users.info":
                var user = body["user"]?.GetValue<string>() ?? "";
                return _users.TryGetValue(user, out var known)
                    ? Results.Json(new JsonObject
                    {
                        ["ok"] = true,
                        ["user"] = new JsonObject { ["id"] = user, ["name"] = "display-name-not-to-trust", ["is_email_confirmed"] = known.Confirmed, ["profile"] = new JsonObject { ["email"] = known.Email } },
                    })
                    : Results.Json(new { ok = false, error = "user_not_found" });
            default:
                return Results.Json(new { ok = false, error = "unknown_method" });
        }
    }

    /// <summary>An interaction request as Slack sends it: form-encoded <c>payload</c>, signed with <paramref name="secret"/> at <paramref name="timestamp"/>.</summary>
    public static HttpRequestMessage Interaction(JsonObject payload, DateTimeOffset timestamp, string secret = SigningSecret)
    {
        var body = "payload=" + Uri.EscapeDataString(payload.ToJsonString());
        var ts = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{ts}:{body}")));
        var request = new HttpRequestMessage(HttpMethod.Post, "/channels/slack/interactions")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", signature);
        return request;
    }

    /// <summary>A click on one of a posted message's buttons.</summary>
    public static JsonObject Click(string slackUser, string actionId, string value) => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = slackUser, ["username"] = "alice", ["name"] = "alice" },
        ["trigger_id"] = $"trigger-{Guid.NewGuid():N}",
        ["channel"] = new JsonObject { ["id"] = Channel },
        ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = Channel },
        ["actions"] = new JsonArray(new JsonObject { ["action_id"] = actionId, ["value"] = value, ["type"] = "button" }),
    };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
