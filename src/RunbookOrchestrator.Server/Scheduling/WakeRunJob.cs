using Quartz;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Runtime;

namespace RunbookOrchestrator.Server.Scheduling;

/// <summary>Fired by a durable Quartz trigger when a run's timer is due; it only wakes the run, and the engine decides what is due from the run's committed state.</summary>
internal sealed class WakeRunJob(RunDispatcher dispatcher, GateTimeouts gateTimeouts) : IJob
{
    public const string RunIdKey = "runId";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // The trigger does not say whether it is a gate deadline, so every firing asks for a sweep: one indexed query when none is overdue,
        // and when many are, they are settled together now rather than one by one as the dispatcher reaches their runs.
        gateTimeouts.RequestSweep();
        var runId = context.MergedJobDataMap.GetString(RunIdKey);
        if (!string.IsNullOrEmpty(runId)) dispatcher.Wake(runId);
        return ValueTask.CompletedTask;
    }
}
