using System.Text.Json.Nodes;
using RunbookOrchestrator.Activities;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Runtime;

namespace RunbookOrchestrator.Policy;

/// <summary>Builds the <see cref="ActionContext"/> of a step the same way for the engine (rendered parameters) and for explain (declared ones).</summary>
public static class ActionContextFactory
{
    /// <param name="parameters">The step's parameters; at the action boundary these are the rendered ones.</param>
    /// <param name="environment">This server's environment; empty lets the policy file's <c>environment</c> apply.</param>
    public static ActionContext Create(RunbookDefinition runbook, StepDefinition step, JsonObject parameters, Requester requester,
        IReadOnlyList<string> requesterGroups, string environment, IActivityRegistry activities) =>
        new(runbook, step, step.Uses, parameters,
            step.Privileged ?? activities.Find(step.Uses)?.Descriptor.DefaultPrivilege,
            ActionTarget.Of(step.Uses, parameters),
            requester, requesterGroups, environment,
            runbook.Inputs.Select(i => i.Classification).Distinct().ToList());
}
