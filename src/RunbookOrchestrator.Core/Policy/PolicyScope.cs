using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Policy;

/// <summary>The JSON a rule's <c>when</c> sees: <c>action</c>, <c>requester</c>, <c>environment</c>, <c>inputs.classifications</c>.</summary>
public static class PolicyScope
{
    /// <summary>The top-level variables and their fields (empty: a plain value, nothing below it to check).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Fields = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["action"] = ["activity", "privileged", "target", "parameters", "step", "runbook"],
        ["requester"] = ["kind", "name", "owner", "groups"],
        ["environment"] = [],
        ["inputs"] = ["classifications"],
    };

    public static JsonObject For(ActionContext action, string environment) => new()
    {
        ["action"] = new JsonObject
        {
            ["activity"] = action.ActivityType,
            ["privileged"] = action.Privileged,
            ["target"] = action.Target,
            ["parameters"] = action.Parameters.DeepClone(),
            ["step"] = action.Step.Id,
            ["runbook"] = action.Runbook.Id,
        },
        ["requester"] = new JsonObject
        {
            ["kind"] = action.Requester.Kind.ToString().ToLowerInvariant(),
            ["name"] = action.Requester.Name,
            ["owner"] = action.Requester.Owner,
            ["groups"] = new JsonArray(action.RequesterGroups.Select(g => (JsonNode?)JsonValue.Create(g)).ToArray()),
        },
        ["environment"] = environment,
        ["inputs"] = new JsonObject
        {
            ["classifications"] = new JsonArray(action.InputClassifications.Select(c => (JsonNode?)JsonValue.Create(c.ToString().ToLowerInvariant())).ToArray()),
        },
    };
}
