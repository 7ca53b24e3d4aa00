namespace RunbookOrchestrator.Runtime;

/// <summary>Activity types the engine itself carries out because they shape the run's graph rather than act on the world.</summary>
internal static class ControlFlow
{
    public const string Parallel = "parallel";
    public const string Join = "join";
    public const string RunbookCall = "runbook.call";
    public const string Approval = "approval";

    /// <summary>Bookmark event name a parent waits on while its child run works.</summary>
    public static string ChildEvent(string childRunId) => "child:" + childRunId;
}
