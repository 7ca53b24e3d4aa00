using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Runtime;

/// <summary>The mutable part of a run that expressions read: each step's latest output and outcome, and parallel fork counters.</summary>
internal sealed class RunState
{
    private readonly JsonObject _root;

    private RunState(JsonObject root) => _root = root;

    public static RunState Parse(string json) =>
        new(JsonNode.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json) as JsonObject ?? new JsonObject());

    public static string Empty => """{"steps":{},"forks":{}}""";

    public JsonObject Steps => Obj("steps");
    private JsonObject Forks => Obj("forks");

    public void RecordStep(string stepId, string outcome, JsonNode? output, string? error)
    {
        var entry = new JsonObject { ["outcome"] = outcome, ["output"] = output?.DeepClone() };
        if (error != null) entry["error"] = error;
        Steps[stepId] = entry;
    }

    public void OpenFork(string forkId, int expected) =>
        Forks[forkId] = new JsonObject { ["expected"] = expected, ["arrived"] = 0, ["fired"] = false };

    /// <summary>Counts a branch arriving at a join; true when the join should run now.</summary>
    public bool ArriveAtJoin(string forkId, bool waitForAll)
    {
        if (Forks[forkId] is not JsonObject fork) return true;
        var arrived = fork["arrived"]!.GetValue<int>() + 1;
        fork["arrived"] = arrived;
        if (fork["fired"]!.GetValue<bool>()) return false;
        var ready = !waitForAll || arrived >= fork["expected"]!.GetValue<int>();
        if (ready) fork["fired"] = true;
        return ready;
    }

    /// <summary>Why the run failed, when a step's outcome ended it: the step, its outcome (<c>rejected</c>, <c>timed_out</c>, <c>denied</c>, …) and the error.</summary>
    public JsonObject? Failure => _root["failure"] as JsonObject;

    public void RecordFailure(string stepId, string outcome, string? error) =>
        _root["failure"] = new JsonObject { ["step"] = stepId, ["outcome"] = outcome, ["error"] = error };

    public JsonObject Outputs()
    {
        var outputs = new JsonObject();
        foreach (var (id, entry) in Steps)
            if (entry?["output"] is { } output) outputs[id] = output.DeepClone();
        return outputs;
    }

    public string ToJson() => _root.ToJsonString();

    private JsonObject Obj(string name)
    {
        if (_root[name] is JsonObject o) return o;
        var created = new JsonObject();
        _root[name] = created;
        return created;
    }
}
