namespace RunbookOrchestrator.Activities.Flow;

/// <summary>Descriptors of the step types the engine carries out itself.</summary>
public static class ControlFlowDescriptors
{
    public static readonly ActivityDescriptor Parallel = new(
        "parallel",
        "Starts the listed steps side by side.",
        [new ActivityParameter("branches", "array", true, "Step ids to start in parallel", ParameterKind.Literal)],
        []);

    public static readonly ActivityDescriptor Join = new(
        "join",
        "Waits for all (or any) parallel branches to finish.",
        [new ActivityParameter("mode", "string", false, "all (default) or any", ParameterKind.Literal)],
        [Outcomes.Done]);

    public static readonly ActivityDescriptor RunbookCall = new(
        "runbook.call",
        "Starts another runbook as a child run, optionally waiting for it.",
        [
            new ActivityParameter("runbook", "string", true, "Id of the runbook to start"),
            new ActivityParameter("inputs", "object", false, "Inputs of the child run"),
            new ActivityParameter("wait", "bool", false, "Wait for the child to finish (default true)"),
        ],
        [Outcomes.Done, Outcomes.Failed]);

    public static IReadOnlyList<ActivityDescriptor> All { get; } = [Parallel, Join, RunbookCall];
}
