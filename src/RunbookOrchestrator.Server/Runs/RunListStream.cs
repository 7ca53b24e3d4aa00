using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Server.Api;

namespace RunbookOrchestrator.Server.Runs;

/// <summary><c>GET /api/runs/stream</c>: Server-Sent Events for run lists. Each <c>event: runs</c> carries the runs the caller may
/// see (as <c>GET /api/runs</c> lists them) that changed since the last event; its <c>id</c> is the latest change's time, so a
/// client reconnecting with <c>Last-Event-ID</c> gets only what changed after it. Without one, the stream starts from now.</summary>
public static class RunListStream
{
    private static readonly TimeSpan Check = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static async Task StreamAsync(HttpContext context, ClaimsPrincipal caller, IRunService runs, RunVisibility visibility, TimeProvider clock)
    {
        var cancellationToken = context.RequestAborted;
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.WriteAsync("retry: 2000\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);

        var since = long.TryParse(context.Request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : clock.GetUtcNow();
        var quietSince = clock.GetUtcNow();
        var baseUrl = Api.RunsApi.BaseUrl(context.Request);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                // Visibility is asked again each round: a gate someone may decide can appear or end at any time.
                var query = await visibility.ScopeAsync(caller, new RunQuery(Limit: 500, UpdatedAfter: since), cancellationToken);
                var changed = (await runs.ListAsync(query, cancellationToken)).Items;
                if (changed.Count > 0)
                {
                    since = changed.Max(r => r.UpdatedAt);
                    var items = changed.Select(r => RunsApi.Summary(r, baseUrl)).ToList();
                    await response.WriteAsync($"id: {since.ToUnixTimeMilliseconds()}\nevent: runs\ndata: {JsonSerializer.Serialize(items, ApiJson.Options)}\n\n", cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    quietSince = clock.GetUtcNow();
                }
                else if (clock.GetUtcNow() - quietSince >= KeepAlive)
                {
                    await response.WriteAsync(": keep-alive\n\n", cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    quietSince = clock.GetUtcNow();
                }
                await Task.Delay(Check, clock, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The browser went away.
        }
    }
}
