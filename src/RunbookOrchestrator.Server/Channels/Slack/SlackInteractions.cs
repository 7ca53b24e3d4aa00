using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RunbookOrchestrator.Server.Api;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Server.Persistence.Channels;

namespace RunbookOrchestrator.Server.Channels.Slack;

/// <summary><c>POST /channels/slack/interactions</c>, the Slack app's interactivity request URL. The signature is checked on the
/// raw body before anything is parsed; a stale timestamp, a bad signature and a replay of an accepted request are refused
/// (401, 401, 409, problem+json) and change nothing. An accepted request is answered at once (Slack waits 3 s) and handled
/// after, by <see cref="SlackInteractionWorker"/>.</summary>
public static class SlackInteractions
{
    public const string Path = "/channels/slack/interactions";
    private const int MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapSlackInteractions(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, ReceiveAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, IOptions<ChannelOptions> options, IDbContextFactory<OrchestratorDbContext> contexts,
        SlackInteractionQueue queue, TimeProvider clock)
    {
        var slack = options.Value.Slack;
        if (!slack.Configured) return ApiProblems.Problem(StatusCodes.Status404NotFound, "slack-not-configured", "Slack is not configured", "Channels:Slack is not set on this server.");
        if (context.Request.ContentLength > MaxBodyBytes)
            return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "Payload too large", $"An interaction payload is at most {MaxBodyBytes} bytes.");
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length > MaxBodyBytes)
            return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "Payload too large", $"An interaction payload is at most {MaxBodyBytes} bytes.");
        var body = buffer.ToArray();
        var signature = context.Request.Headers["X-Slack-Signature"].ToString();
        switch (SlackSignature.Check(slack.SigningSecret!, context.Request.Headers["X-Slack-Request-Timestamp"].ToString(), body, signature, clock.GetUtcNow()))
        {
            case SlackSignatureCheck.Stale:
                return ApiProblems.Problem(StatusCodes.Status401Unauthorized, "slack-timestamp-stale", "Stale request",
                    "X-Slack-Request-Timestamp is more than 5 minutes from now; the request may be a replay.");
            case SlackSignatureCheck.Missing or SlackSignatureCheck.Invalid:
                return ApiProblems.Problem(StatusCodes.Status401Unauthorized, "slack-signature-invalid", "Invalid signature",
                    "X-Slack-Signature does not match the body signed with this app's signing secret.");
        }
        if (!await FirstTimeAsync(contexts, signature, clock.GetUtcNow(), context.RequestAborted))
            return ApiProblems.Problem(StatusCodes.Status409Conflict, "slack-replay", "Replayed request", "This exact signed request was accepted before.");

        JsonObject? payload;
        try
        {
            var form = System.Web.HttpUtility.ParseQueryString(Encoding.UTF8.GetString(body));
            payload = form["payload"] is { } json ? JsonNode.Parse(json) as JsonObject : null;
        }
        catch (System.Text.Json.JsonException)
        {
            payload = null;
        }
        if (payload is null)
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "invalid-payload", "Invalid payload", "Expected a form field 'payload' holding a JSON object.");
        if (!queue.TryAdd(payload))
            return ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "busy", "Busy", "Too many interactions are waiting; try again.");
        // An empty 200 acknowledges a click and closes a submitted modal.
        return Results.Ok();
    }

    // The signature covers timestamp and body, so it names the request; recorded for longer than the window in which it is valid.
    private static async Task<bool> FirstTimeAsync(IDbContextFactory<OrchestratorDbContext> contexts, string signature, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(signature)));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"""INSERT INTO "seen_requests" ("key", "seen_at") VALUES ({key}, {now.ToUnixTimeMilliseconds()}) ON CONFLICT ("key") DO NOTHING""", cancellationToken);
        var forgetBefore = (now - 2 * SlackSignature.Window).ToUnixTimeMilliseconds();
        await db.Database.ExecuteSqlInterpolatedAsync($"""DELETE FROM "seen_requests" WHERE "seen_at" < {forgetBefore}""", cancellationToken);
        return inserted == 1;
    }
}

/// <summary>Accepted Slack interactions waiting to be handled (bounded: a flood is refused with 503, not queued without end).</summary>
public sealed class SlackInteractionQueue
{
    private readonly Channel<JsonObject> _queue = Channel.CreateBounded<JsonObject>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.Wait });

    public bool TryAdd(JsonObject payload) => _queue.Writer.TryWrite(payload);

    public ChannelReader<JsonObject> Reader => _queue.Reader;
}
