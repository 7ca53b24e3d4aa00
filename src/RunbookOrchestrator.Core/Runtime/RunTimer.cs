using System.Text.Json.Nodes;
using RunbookOrchestrator.Runtime.State;

namespace RunbookOrchestrator.Runtime;

/// <summary>A durable wake-up of one step execution, with a purpose a human can read on the timers dashboard (never an input value).</summary>
/// <param name="RunId">The run to wake.</param>
/// <param name="TimerId">The step execution the timer belongs to; scheduling the same id again moves it.</param>
/// <param name="At">When it is due; it never fires before.</param>
/// <param name="Purpose">What falls due, e.g. <c>timeout of gate export</c>.</param>
public sealed record RunTimer(string RunId, string TimerId, DateTimeOffset At, string Purpose)
{
    /// <summary>Describes the timer of <paramref name="execution"/>, due at <paramref name="at"/>, from its committed state alone,
    /// so the same words come back when timers are rebuilt after a restart.</summary>
    public static RunTimer For(StepExecutionData execution, DateTimeOffset at) =>
        new(execution.RunId, execution.Id, at, Describe(execution, at));

    private static string Describe(StepExecutionData execution, DateTimeOffset at)
    {
        var step = execution.StepId;
        if (execution.Status == StepExecutionStatus.Ready)
            return execution.Attempt > 1 ? $"retry {execution.Attempt} of step {step}" : $"start of step {step}";
        if (execution.WaitEvent?.StartsWith(Approvals.GateKeeper.BookmarkPrefix, StringComparison.Ordinal) == true)
            return IsGateDeadline(execution.BookmarkStateJson, at) ? $"timeout of gate {step}" : $"escalation of gate {step}";
        return execution.WaitEvent is null ? $"end of delay {step}" : $"timeout of wait {step}";
    }

    private static bool IsGateDeadline(string? bookmarkState, DateTimeOffset at)
    {
        try
        {
            return bookmarkState is not null && JsonNode.Parse(bookmarkState)?["deadline"]?.GetValue<string>() is { } text
                && DateTimeOffset.TryParse(text, out var deadline) && deadline == at;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
