namespace RunbookOrchestrator.Activities.Flow;

/// <summary>Descriptors of the step types the engine carries out itself.</summary>
public static class ControlFlowDescriptors
{
    public static readonly ActivityDescriptor Parallel = new(
        "parallel",
        "Starts the listed steps side by side.",
        [new ActivityParameter("branches", "array", true, "Step ids to start in parallel", ParameterKind.Literal)],
        [],
        EffectFree: true,
        Category: ActivityCategories.ControlFlow);

    public static readonly ActivityDescriptor Join = new(
        "join",
        "Waits for all (or any) parallel branches to finish.",
        [new ActivityParameter("mode", "string", false, "all (default) or any", ParameterKind.Literal)],
        [Outcomes.Done],
        EffectFree: true,
        Category: ActivityCategories.ControlFlow);

    public static readonly ActivityDescriptor RunbookCall = new(
        "runbook.call",
        "Starts another runbook as a child run, optionally waiting for it.",
        [
            new ActivityParameter("runbook", "string", true, "Id of the runbook to start"),
            new ActivityParameter("inputs", "object", false, "Inputs of the child run"),
            new ActivityParameter("wait", "bool", false, "Wait for the child to finish (default true)"),
        ],
        [Outcomes.Done, Outcomes.Failed]);

    public static readonly ActivityDescriptor Approval = new(
        "approval",
        "Pauses for a human decision: approvers, quorum, timeout, escalations, approval window.",
        [
            new ActivityParameter("approvers", "array", false, "Users and group:name entries who may decide (default: the runbook's owners)"),
            new ActivityParameter("quorum", "int", false, "Distinct people who must approve (default 1)"),
            new ActivityParameter("timeout", "duration", false, "End the gate after this long without a decision"),
            new ActivityParameter("escalate", "array<object>", false, "Stages {after, add, remind} reached while pending"),
            new ActivityParameter("on_timeout", "string", false, "timed_out (default), rejected, or approved with allow_auto_approve"),
            new ActivityParameter("allow_auto_approve", "bool", false, "Required next to on_timeout: approved"),
            new ActivityParameter("context", "string", false, "What reviewers see (a template; masked before it leaves)", ParameterKind.Literal),
            new ActivityParameter("require_reason", "string", false, "on_reject (default), always or never"),
            new ActivityParameter("window", "duration", false, "How long an approval stays usable (default 15m)"),
            new ActivityParameter("allow_reveal", "bool", false, "May reviewers reveal single masked values (default true)"),
            new ActivityParameter("channels", "array", false, "Where the review goes: email, slack, teams (default Channels:Default)"),
            new ActivityParameter("require_sign_in", "bool", false, "Reviewers arriving by link sign in first (default: true for privileged actions)"),
        ],
        [Outcomes.Approved, Outcomes.Rejected, Outcomes.TimedOut],
        Category: ActivityCategories.Humans);

    public static IReadOnlyList<ActivityDescriptor> All { get; } = [Parallel, Join, RunbookCall, Approval];
}
