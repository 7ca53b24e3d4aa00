using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Definitions;

/// <summary>One step of a runbook: which activity it uses, with what parameters, and where each outcome leads.</summary>
/// <param name="With">Parameters; string values may hold <c>{{ }}</c> templates.</param>
/// <param name="When">Optional CEL condition; when false the step is skipped with outcome <c>skipped</c>.</param>
/// <param name="Next">Outcome name to step id. An outcome not listed goes to the following step in file order
/// (for <c>done</c>/<c>skipped</c>) or fails the run (any other outcome).</param>
/// <param name="ParameterLocations">Where each parameter's value was written, keyed by parameter name; nested values
/// are keyed by path as well (<c>parameters.id</c>, <c>command[0]</c>). String locations point at the first character of the text.</param>
/// <param name="FieldLocations">Where the step's own fields were written: <c>id</c>, <c>uses</c>, <c>when</c>, <c>next</c>,
/// <c>next.&lt;outcome&gt;</c>, <c>retry</c>, <c>timeout</c>.</param>
/// <param name="Privileged">A tag such as <c>data-export</c>, <c>iam</c>, <c>infra</c>, <c>secrets</c>; null when routine.</param>
public sealed record StepDefinition(
    string Id,
    string Uses,
    JsonObject With,
    string? When,
    IReadOnlyDictionary<string, string> Next,
    string? Privileged,
    RetryPolicy? Retry,
    TimeSpan? Timeout,
    SourceLocation? Location,
    IReadOnlyDictionary<string, SourceLocation>? ParameterLocations = null,
    IReadOnlyDictionary<string, SourceLocation>? FieldLocations = null);
