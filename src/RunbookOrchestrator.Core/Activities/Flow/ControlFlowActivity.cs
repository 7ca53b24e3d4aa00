namespace RunbookOrchestrator.Activities.Flow;

/// <summary>A step type the engine itself carries out (<c>parallel</c>, <c>join</c>, <c>runbook.call</c>); registered so validators and designers know its shape.</summary>
public sealed class ControlFlowActivity(ActivityDescriptor descriptor) : IActivity
{
    public ActivityDescriptor Descriptor { get; } = descriptor;

    // Reaching this means the engine dispatched a control-flow step like an ordinary one; fail loudly rather than do nothing.
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ActivityResult.Fail($"'{Descriptor.Type}' is carried out by the engine and cannot run as an activity"));
}
