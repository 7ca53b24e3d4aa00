using System.Text.Json.Nodes;
using RunbookOrchestrator.Runtime.State;

namespace RunbookOrchestrator.Runtime;

/// <summary>Builds the object that templates and expressions read: <c>inputs</c>, <c>steps</c>, <c>run</c>, <c>requester</c>.</summary>
internal static class RunScope
{
    /// <remarks>Round-tripped through text so every value is a parsed JSON element: consumers then see one representation,
    /// whatever built the values (the engine, an activity, the database).</remarks>
    public static JsonObject Build(RunData run, RunState state) => (JsonObject)JsonNode.Parse(new JsonObject
    {
        ["inputs"] = JsonNode.Parse(run.InputsJson),
        ["steps"] = state.Steps.DeepClone(),
        ["run"] = new JsonObject { ["id"] = run.Id, ["runbook"] = run.RunbookId, ["version"] = run.RunbookVersion, ["reason"] = run.Reason },
        ["requester"] = new JsonObject { ["kind"] = run.RequesterKind.ToLowerInvariant(), ["name"] = run.RequesterName, ["owner"] = run.RequesterOwner },
    }.ToJsonString())!;
}
