using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.Options;
using RunbookOrchestrator.Runtime;

namespace RunbookOrchestrator.Server.Scheduling;

/// <summary>Runs this node's Hangfire server on the timer storage given to it (never Hangfire's process-wide <c>JobStorage.Current</c>,
/// so several orchestrators in one process, as in the tests, keep to their own data folders).</summary>
internal sealed class TimerJobServer(JobStorage storage, IServiceScopeFactory scopes, IOptions<RuntimeOptions> runtime) : IHostedService, IDisposable
{
    private BackgroundJobServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            ServerName = $"orchestrator-{runtime.Value.NodeId}",
            // The jobs only arm in-process alarms, so a few workers keep up with one job per second of timers.
            WorkerCount = 4,
            SchedulePollingInterval = TimeSpan.FromSeconds(1),
            Activator = new AspNetCoreJobActivator(scopes),
            ShutdownTimeout = TimeSpan.FromSeconds(5),
            StopTimeout = TimeSpan.FromSeconds(2),
        }, storage);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is null) return;
        _server.SendStop();
        // Its workers finish (jobs here take milliseconds) while the storage and the engine they use are still there.
        try
        {
            await _server.WaitForShutdownAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        try
        {
            _server?.Dispose();
        }
        catch (ObjectDisposedException)
        {
            // Disposed after the services its processes used: nothing is left to stop.
        }
    }
}
