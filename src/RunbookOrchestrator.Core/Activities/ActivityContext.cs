using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RunbookOrchestrator.Definitions;

namespace RunbookOrchestrator.Activities;

/// <summary>Everything one step execution may see: its resolved parameters, the run's scope and services.</summary>
public sealed class ActivityContext
{
    public required string RunId { get; init; }
    public required RunbookDefinition Runbook { get; init; }
    public required StepDefinition Step { get; init; }
    public required int Attempt { get; init; }

    /// <summary>Fully resolved parameters (templates rendered, expressions left as text).</summary>
    public required JsonObject Parameters { get; init; }

    /// <summary>The expression scope: <c>inputs</c>, <c>steps</c>, <c>run</c>, <c>requester</c>.</summary>
    public required JsonObject Scope { get; init; }

    public required IServiceProvider Services { get; init; }
    public required ILogger Logger { get; init; }
    public required TimeProvider Clock { get; init; }

    /// <summary>Handed to side effects so a retried or replayed step is recognisable: <c>{runId}:{stepId}:{attempt}</c>.</summary>
    public string IdempotencyKey => $"{RunId}:{Step.Id}:{Attempt}";

    public string? GetString(string name) => Parameters[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : Parameters[name]?.ToJsonString();
}
