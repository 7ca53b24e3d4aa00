using System.Security.Claims;
using System.Text.Json;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Server.Api;

namespace RunbookOrchestrator.Server.Runs;

/// <summary><c>GET /api/runs/{runId}/stream</c>: Server-Sent Events carrying the run, as <c>GET /api/runs/{runId}</c> returns it, each
/// time it changes (<c>event: run</c>, <c>id</c> = the version seen), then <c>event: end</c> once it has finished. A client that
/// reconnects with <c>Last-Event-ID</c> gets nothing it has seen already. The server looks for changes twice a second, so a
/// browser holds one connection and never polls.</summary>
public static class RunStream
{
    private static readonly TimeSpan Check = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static async Task<IResult> StreamAsync(string runId, HttpContext context, ClaimsPrincipal caller, IRunService runs, RunVisibility visibility, TimeProvider clock)
    {
        var cancellationToken = context.RequestAborted;
        var view = await runs.GetAsync(runId, cancellationToken);
        if (view is null || !await visibility.MaySeeAsync(caller, view.Requester.Kind.ToString(), view.Requester.Name, runId, cancellationToken))
            return ApiProblems.NotFound("Run", runId);

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.WriteAsync("retry: 2000\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);

        var lastSent = context.Request.Headers["Last-Event-ID"].ToString();
        var quietSince = clock.GetUtcNow();
        var baseUrl = Api.RunsApi.BaseUrl(context.Request);
        try
        {
            while (view is not null)
            {
                var version = $"{view.UpdatedAt.ToUnixTimeMilliseconds()}.{view.Status.ToString().ToLowerInvariant()}";
                if (version != lastSent)
                {
                    var json = JsonSerializer.Serialize(RunResponse.From(view, baseUrl, null), ApiJson.Options);
                    await response.WriteAsync($"id: {version}\nevent: run\ndata: {json}\n\n", cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    lastSent = version;
                    quietSince = clock.GetUtcNow();
                }
                if (view.CompletedAt is not null)
                {
                    await response.WriteAsync($"event: end\ndata: {{\"status\":\"{view.Status.ToString().ToLowerInvariant()}\"}}\n\n", cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    break;
                }
                if (clock.GetUtcNow() - quietSince >= KeepAlive)
                {
                    // A comment line: keeps proxies from closing an idle stream, ignored by EventSource.
                    await response.WriteAsync(": keep-alive\n\n", cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    quietSince = clock.GetUtcNow();
                }
                await Task.Delay(Check, clock, cancellationToken);
                view = await runs.GetAsync(runId, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The browser went away.
        }
        return Results.Empty;
    }
}
