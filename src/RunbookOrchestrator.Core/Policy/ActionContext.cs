using System.Text.Json.Nodes;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Runtime;

namespace RunbookOrchestrator.Policy;

/// <summary>A step's fully resolved action, as the policy sees it just before the step runs (templates already rendered).</summary>
/// <param name="Target">The system acted on: the <c>sql.query</c> connection name, the <c>http.request</c> host, the <c>shell</c> executable.</param>
/// <param name="Environment">Deployment environment of this server (<c>Orchestrator:Environment</c>), such as <c>production</c>.</param>
/// <param name="InputClassifications">Classifications of the run's declared inputs, so a rule can match "touches PII".</param>
public sealed record ActionContext(
    RunbookDefinition Runbook,
    StepDefinition Step,
    string ActivityType,
    JsonObject Parameters,
    string? Privileged,
    string? Target,
    Requester Requester,
    IReadOnlyList<string> RequesterGroups,
    string Environment,
    IReadOnlyList<DataClassification> InputClassifications);
