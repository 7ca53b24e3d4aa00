using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Tests.Runtime;

/// <summary>Reads the parts of a run response the engine tests look at.</summary>
internal static class RunAssertions
{
    public static List<JsonObject> Executions(this JsonObject run, string stepId) =>
        run["steps"]!.AsArray().OfType<JsonObject>().Where(s => s["step"]!.GetValue<string>() == stepId).ToList();

    public static IReadOnlyList<string> StepIds(this JsonObject run) =>
        run["steps"]!.AsArray().OfType<JsonObject>().Select(s => s["step"]!.GetValue<string>()).ToList();

    public static string? Str(this JsonNode? node, string name) => node?[name]?.GetValue<string>();

    public static bool HasSucceeded(this JsonObject run, string stepId) =>
        run.Executions(stepId).Any(s => s.Str("status") == "succeeded");
}
