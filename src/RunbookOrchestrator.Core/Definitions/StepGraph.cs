using System.Text.Json.Nodes;
using RunbookOrchestrator.Activities;

namespace RunbookOrchestrator.Definitions;

/// <summary>Which steps a run can reach from the first step by following outcomes, fall-through and parallel branches.</summary>
internal static class StepGraph
{
    public const string End = "end";

    public static HashSet<string> Reachable(RunbookDefinition definition, IReadOnlyDictionary<string, ActivityDescriptor> activities)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        if (definition.Steps.Count == 0) return reached;
        var queue = new Queue<StepDefinition>([definition.Steps[0]]);
        while (queue.Count > 0)
        {
            var step = queue.Dequeue();
            if (!reached.Add(step.Id)) continue;
            foreach (var target in Successors(definition, step, activities))
                if (definition.FindStep(target) is { } next && !reached.Contains(next.Id))
                    queue.Enqueue(next);
        }
        return reached;
    }

    private static IEnumerable<string> Successors(RunbookDefinition definition, StepDefinition step, IReadOnlyDictionary<string, ActivityDescriptor> activities)
    {
        foreach (var target in step.Next.Values)
            if (target != End) yield return target;

        // As the engine routes (RunProcessor.Route): an outcome `next` does not name goes to the following step, unless it is a
        // failure, which ends the run. So `approved`, `true`, a switch case... fall through like `done` and `skipped`.
        var descriptor = activities.GetValueOrDefault(step.Uses);
        var fallsThrough = SuccessOutcomes(descriptor).Any(o => o is null || !step.Next.ContainsKey(o))
                           || (step.When is not null && !step.Next.ContainsKey(Outcomes.Skipped));
        if (fallsThrough && definition.StepAfter(step.Id) is { } after) yield return after.Id;

        if (step.With["branches"] is JsonArray branches)
            foreach (var branch in branches)
                if (branch is JsonValue v && v.TryGetValue<string>(out var id)) yield return id;
    }

    // Null stands for outcomes only known at run time (a switch's cases): one of them may always be unrouted.
    private static IEnumerable<string?> SuccessOutcomes(ActivityDescriptor? descriptor)
    {
        if (descriptor is null || descriptor.Outcomes.Count == 0) return [Outcomes.Done];
        return descriptor.Outcomes
            .Where(o => o is not (Outcomes.Failed or Outcomes.TimedOut or Outcomes.Rejected or Outcomes.Denied or Outcomes.Expired))
            .Select(o => o.StartsWith('<') || o.StartsWith('(') ? null : o);
    }
}
