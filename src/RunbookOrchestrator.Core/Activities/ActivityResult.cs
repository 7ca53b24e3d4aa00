using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Activities;

/// <summary>What one execution of a step produced: an outcome, a fault, or a bookmark to wait on.</summary>
public abstract record ActivityResult
{
    public static ActivityResult Done(JsonNode? output = null) => new Completed(Outcomes.Done, output);
    public static ActivityResult Outcome(string outcome, JsonNode? output = null) => new Completed(outcome, output);
    public static ActivityResult Fail(string error, bool retryable = false, JsonNode? output = null) => new Faulted(error, retryable, output);
    public static ActivityResult TimedOut(string error) => new Faulted(error, true, null, Outcomes.TimedOut);
    public static ActivityResult Wait(Bookmark bookmark) => new Suspended(bookmark);

    /// <summary>The step finished; <see cref="Name"/> is mapped through the step's <c>next</c>.</summary>
    public sealed record Completed(string Name, JsonNode? Output) : ActivityResult;

    /// <summary>The step failed. Retryable faults are tried again under the step's retry policy; the last one yields <see cref="FinalOutcome"/>.</summary>
    public sealed record Faulted(string Error, bool Retryable, JsonNode? Output, string FinalOutcome = Outcomes.Failed) : ActivityResult;

    /// <summary>The step waits; the run is parked and holds no thread until the bookmark is resumed.</summary>
    public sealed record Suspended(Bookmark Bookmark) : ActivityResult;
}

/// <summary>Well-known outcome names.</summary>
public static class Outcomes
{
    public const string Done = "done";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
    public const string TimedOut = "timed_out";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Denied = "denied";
    public const string Expired = "expired";
    public const string True = "true";
    public const string False = "false";
}
