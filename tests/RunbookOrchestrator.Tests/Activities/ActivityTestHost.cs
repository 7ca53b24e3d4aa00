using RunbookOrchestrator.Tests.Hosting;
using RunbookOrchestrator.Egress;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunbookOrchestrator.Activities;
using RunbookOrchestrator.Definitions;

namespace RunbookOrchestrator.Tests.Activities;

/// <summary>A real container with the built-in activities, and a way to build the context a step runs with.</summary>
public sealed class ActivityTestHost : IDisposable
{
    private readonly ServiceProvider _services;

    public ActivityTestHost(Action<ActivityOptions>? configure = null, Action<IServiceCollection>? extra = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        // Activity tests call servers on 127.0.0.1; egress tests pass their own policy through `extra`.
        services.AddEgressPolicy(RunbookOrchestrator.Egress.EgressPolicy.Parse(["127.0.0.1/32"]));
        services.AddBuiltInActivities(configure);
        extra?.Invoke(services);
        _services = services.BuildServiceProvider();
    }

    public LogRecorder Logs { get; } = new();

    public IServiceProvider Services => _services;

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public IActivity Activity(string type) =>
        _services.GetRequiredService<IActivityRegistry>().Find(type) ?? throw new InvalidOperationException($"activity '{type}' is not registered");

    public ActivityContext Context(string uses, JsonObject parameters, string stepId = "step-1", string runId = "run-1", int attempt = 1, JsonObject? scope = null)
    {
        var step = new StepDefinition(stepId, uses, parameters, null, new Dictionary<string, string>(), null, null, null, null);
        return new ActivityContext
        {
            RunId = runId,
            Runbook = new RunbookDefinition("test-runbook", 1, null, null, [], [], [step], null),
            Step = step,
            Attempt = attempt,
            Parameters = parameters,
            Scope = scope ?? new JsonObject(),
            Services = _services,
            Logger = _services.GetRequiredService<ILoggerFactory>().CreateLogger("RunbookOrchestrator.Activities"),
            Clock = Clock,
        };
    }

    public async Task<ActivityResult> RunAsync(string uses, JsonObject parameters, string stepId = "step-1", string runId = "run-1", int attempt = 1, JsonObject? scope = null) =>
        await Activity(uses).ExecuteAsync(Context(uses, parameters, stepId, runId, attempt, scope), CancellationToken.None);

    public void Dispose() => _services.Dispose();
}

/// <summary>A clock stopped at one instant, so bookmark times can be checked exactly.</summary>
public sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
