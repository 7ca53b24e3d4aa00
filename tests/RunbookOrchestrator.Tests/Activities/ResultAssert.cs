using System.Text.Json.Nodes;
using RunbookOrchestrator.Activities;

namespace RunbookOrchestrator.Tests.Activities;

/// <summary>Unwraps activity results with a readable failure when the kind is not the expected one.</summary>
public static class ResultAssert
{
    public static JsonNode? Done(ActivityResult result) => Outcome(result, Outcomes.Done);

    public static JsonNode? Outcome(ActivityResult result, string outcome)
    {
        if (result is ActivityResult.Faulted fault) Assert.Fail($"expected outcome '{outcome}' but the step faulted: {fault.Error}");
        var completed = Assert.IsType<ActivityResult.Completed>(result);
        Assert.Equal(outcome, completed.Name);
        return completed.Output;
    }

    public static ActivityResult.Faulted Faulted(ActivityResult result) => Assert.IsType<ActivityResult.Faulted>(result);

    public static Bookmark Suspended(ActivityResult result) => Assert.IsType<ActivityResult.Suspended>(result).Bookmark;
}
