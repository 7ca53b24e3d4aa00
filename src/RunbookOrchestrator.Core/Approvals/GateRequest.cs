using System.Text.Json.Nodes;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Runtime.State;

namespace RunbookOrchestrator.Approvals;

/// <summary>A step asking to pass a gate: the run, the step execution, the gate spec and the exact resolved action.</summary>
/// <param name="Source"><c>step</c> (explicit approval step) or <c>policy</c> (injected by a rule).</param>
public sealed record GateRequest(
    RunData Run,
    RunbookDefinition Runbook,
    StepDefinition Step,
    StepExecutionData Execution,
    GateSpec Spec,
    string Source,
    string? RuleId,
    JsonObject Action,
    JsonObject Scope);
