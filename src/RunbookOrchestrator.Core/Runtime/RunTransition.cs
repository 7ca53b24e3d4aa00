using RunbookOrchestrator.Runtime.State;

namespace RunbookOrchestrator.Runtime;

/// <summary>Collects what one round of a run writes, so it is committed as one transaction before any further effect.</summary>
internal sealed class RunTransition
{
    public List<StepExecutionData> Added { get; } = [];
    public HashSet<StepExecutionData> Modified { get; } = [];
    public List<long> ConsumedSignals { get; } = [];
    public List<RunSignalData> SignalsToOtherRuns { get; } = [];
    public List<OutboxMessageData> Outbox { get; } = [];

    /// <summary>What this transition tells the audit trail; committed in the same transaction as the transition itself.</summary>
    public List<Audit.AuditRecord> Audit { get; } = [];

    /// <summary>Timers to schedule once the transition is committed (never before: a timer must not fire on state that was rolled back).</summary>
    public List<RunTimer> Timers { get; } = [];

    public void Touch(StepExecutionData execution)
    {
        if (!Added.Contains(execution)) Modified.Add(execution);
    }

    public RunCommit ToCommit(RunData run, string node, bool release) =>
        new(run, node, Added, Modified.ToList(), ConsumedSignals, SignalsToOtherRuns, Outbox, release, Audit);
}
