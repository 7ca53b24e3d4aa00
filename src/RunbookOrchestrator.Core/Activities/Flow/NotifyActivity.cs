using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace RunbookOrchestrator.Activities.Flow;

/// <summary><c>notify</c>: sends a message to a channel. Only <c>log</c> is wired; other channels fault until configured.</summary>
public sealed class NotifyActivity : IActivity
{
    private static readonly string[] KnownChannels = ["log", "slack", "teams", "email"];

    public ActivityDescriptor Descriptor { get; } = new(
        "notify",
        "Sends a message to a channel (log for now).",
        [
            new ActivityParameter("message", "string", true, "Text to send"),
            new ActivityParameter("channel", "string", false, "log, slack, teams or email (default log)"),
            new ActivityParameter("to", "string", false, "Recipient on the channel"),
        ],
        [Outcomes.Done],
        Category: ActivityCategories.Humans);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        try
        {
            var reader = new ParameterReader(context.Parameters);
            var message = reader.RequiredString("message");
            var channel = reader.OptionalString("channel") ?? "log";
            var to = reader.OptionalString("to");
            if (!KnownChannels.Contains(channel))
                return Result(ActivityResult.Fail($"unknown channel '{channel}'; expected one of {string.Join(", ", KnownChannels)}"));
            if (channel != "log")
                return Result(ActivityResult.Fail($"channel '{channel}' is not configured"));

            context.Logger.LogInformation("Notification from run {RunId} step {StepId}: {Message}", context.RunId, context.Step.Id, message);
            return Result(ActivityResult.Done(new JsonObject { ["channel"] = channel, ["to"] = to, ["delivered"] = true }));
        }
        catch (ParameterException ex)
        {
            return Result(ActivityResult.Fail(ex.Message));
        }
    }

    private static ValueTask<ActivityResult> Result(ActivityResult result) => ValueTask.FromResult(result);
}
