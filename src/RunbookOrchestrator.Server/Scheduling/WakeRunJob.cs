using Quartz;
using RunbookOrchestrator.Runtime;

namespace RunbookOrchestrator.Server.Scheduling;

/// <summary>Fired by a durable Quartz trigger when a run's timer is due; it only wakes the run, and the engine decides what is due from the run's committed state.</summary>
internal sealed class WakeRunJob(RunDispatcher dispatcher) : IJob
{
    public const string RunIdKey = "runId";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var runId = context.MergedJobDataMap.GetString(RunIdKey);
        if (!string.IsNullOrEmpty(runId)) dispatcher.Wake(runId);
        return ValueTask.CompletedTask;
    }
}
