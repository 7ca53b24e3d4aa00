using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace RunbookOrchestrator.Server.Channels.Slack;

/// <summary>The Slack Web API methods reviews use, over the egress-checked HTTP client. Slack answers HTTP 200 with
/// <c>{"ok": false, "error": …}</c> on failure; that is thrown as <see cref="SlackApiException"/>.</summary>
public sealed class SlackApi(IHttpClientFactory clients, IOptions<ChannelOptions> options)
{
    public const string HttpClientName = "slack";

    public async Task<(string Channel, string Ts)> PostMessageAsync(string channel, string text, JsonArray blocks, CancellationToken cancellationToken)
    {
        var answer = await CallAsync("chat.postMessage", new JsonObject { ["channel"] = channel, ["text"] = text, ["blocks"] = blocks, ["unfurl_links"] = false, ["unfurl_media"] = false }, cancellationToken);
        return (answer["channel"]?.GetValue<string>() ?? channel, answer["ts"]!.GetValue<string>());
    }

    public Task UpdateAsync(string channel, string ts, string text, JsonArray blocks, CancellationToken cancellationToken) =>
        CallAsync("chat.update", new JsonObject { ["channel"] = channel, ["ts"] = ts, ["text"] = text, ["blocks"] = blocks }, cancellationToken);

    public Task PostEphemeralAsync(string channel, string user, string text, CancellationToken cancellationToken) =>
        CallAsync("chat.postEphemeral", new JsonObject { ["channel"] = channel, ["user"] = user, ["text"] = text }, cancellationToken);

    public Task OpenViewAsync(string triggerId, JsonObject view, CancellationToken cancellationToken) =>
        CallAsync("views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = view }, cancellationToken);

    /// <summary>The user's email, and whether Slack says it is confirmed (only then is it used to find our user).</summary>
    public async Task<(string? Email, bool Confirmed)> UserEmailAsync(string userId, CancellationToken cancellationToken)
    {
        // users.info takes form arguments (GET-style), not a JSON body.
        var answer = await SendAsync("users.info", new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = userId }), cancellationToken);
        var user = answer["user"];
        return (user?["profile"]?["email"]?.GetValue<string>(), user?["is_email_confirmed"]?.GetValue<bool>() == true);
    }

    private Task<JsonObject> CallAsync(string method, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync(method, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken);

    private async Task<JsonObject> SendAsync(string method, HttpContent content, CancellationToken cancellationToken)
    {
        var slack = options.Value.Slack;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{slack.ApiBaseUrl.TrimEnd('/')}/{method}") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", slack.BotToken);
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw new SlackApiException(method, $"HTTP {(int)response.StatusCode}");
        var answer = JsonNode.Parse(text) as JsonObject ?? throw new SlackApiException(method, "not a JSON object");
        if (answer["ok"]?.GetValue<bool>() != true) throw new SlackApiException(method, answer["error"]?.ToString() ?? "ok is not true");
        return answer;
    }
}

/// <summary>A Slack Web API call that Slack refused or that failed.</summary>
public sealed class SlackApiException(string method, string error) : Exception($"Slack {method} failed: {error}")
{
    public string Error { get; } = error;
}
